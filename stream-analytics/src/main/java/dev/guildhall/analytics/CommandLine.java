package dev.guildhall.analytics;

import java.nio.file.Path;

import java.util.Map;

/**
 * {@code [--config FILE] [--jobs all|engagement,voice-quality]}; without {@code --jobs} the jobs are those of
 * {@code GUILDHALL_ANALYTICS_JOBS}, else all.
 */
record CommandLine(Path configFile, String jobs) {
    static final String JOBS_ENV = "GUILDHALL_ANALYTICS_JOBS";

    static CommandLine parse(String[] args) {
        return parse(args, System.getenv());
    }

    static CommandLine parse(String[] args, Map<String, String> env) {
        Path config = null;
        String jobs = env.getOrDefault(JOBS_ENV, "").isBlank() ? "all" : env.get(JOBS_ENV).trim();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--jobs", "--job" -> jobs = value(args, ++i, args[i - 1]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: [--config FILE] [--jobs all|engagement,voice-quality]");
            }
        }
        return new CommandLine(config, jobs);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}

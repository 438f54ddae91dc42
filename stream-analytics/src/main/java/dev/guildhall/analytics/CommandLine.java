package dev.guildhall.analytics;

import java.nio.file.Path;

/** {@code [--config FILE] [--jobs all|engagement,voice-quality]} */
record CommandLine(Path configFile, String jobs) {
    static CommandLine parse(String[] args) {
        Path config = null;
        String jobs = "all";
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

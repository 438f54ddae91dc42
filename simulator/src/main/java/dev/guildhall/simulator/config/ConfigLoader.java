package dev.guildhall.simulator.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Loads {@link SimulatorConfig}: defaults, then an optional properties file ({@code --config FILE}), then the
 * environment (env wins). Property keys are the env names lower-cased without the prefix, dots for underscores:
 * {@code GUILDHALL_SIM_USERS} = {@code sim.users}, {@code GUILDHALL_CORE_URL} = {@code core.url}.
 */
public final class ConfigLoader {
    static final String CORE_URL = "GUILDHALL_CORE_URL";
    static final String USERS = "GUILDHALL_SIM_USERS";
    static final String GUILDS = "GUILDHALL_SIM_GUILDS";
    static final String METRICS_PORT = "GUILDHALL_METRICS_PORT";
    static final String STATE = "GUILDHALL_SIM_STATE";
    static final String PASSWORD = "GUILDHALL_SIM_PASSWORD";
    static final String MESSAGE_RATE = "GUILDHALL_SIM_MESSAGE_RATE";
    static final String GATEWAY_USERS = "GUILDHALL_SIM_GATEWAY_USERS";
    static final String VOICE_USERS = "GUILDHALL_SIM_VOICE_USERS";
    static final String IMPAIR = "GUILDHALL_SIM_IMPAIR";
    static final String IMPAIR_PROXY = "GUILDHALL_SIM_IMPAIR_PROXY";
    static final String SEED = "GUILDHALL_SIM_SEED";
    static final String RETRY_MS = "GUILDHALL_SIM_RETRY_MS";

    private ConfigLoader() {
    }

    public static SimulatorConfig load(String[] args, Map<String, String> env) {
        Properties file = new Properties();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file argument");
                }
                file = readProperties(Path.of(args[++i]));
            } else {
                throw new ConfigException("unknown argument " + args[i] + " (usage: SimulatorMain [--config FILE])");
            }
        }
        Source s = new Source(file, env);
        return new SimulatorConfig(
                uri(s.get(CORE_URL, "http://127.0.0.1:8090")),
                s.integer(USERS, 50),
                s.integer(GUILDS, 3),
                s.integer(METRICS_PORT, 9252),
                Path.of(s.get(STATE, "var/simulator-state.json")),
                s.get(PASSWORD, "guildhall-demo"),
                s.decimal(MESSAGE_RATE, 2.0),
                s.integer(GATEWAY_USERS, 3),
                s.integer(VOICE_USERS, 10),
                s.decimal(IMPAIR, 0.0),
                s.get(IMPAIR_PROXY, "").isEmpty() ? null : SimulatorConfig.ProxyImpairment.parse(s.get(IMPAIR_PROXY, "")),
                s.longValue(SEED, System.nanoTime()),
                Duration.ofMillis(s.longValue(RETRY_MS, 3000)));
    }

    private static Properties readProperties(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        return p;
    }

    private static URI uri(String value) {
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(CORE_URL + " is not a URL: " + value);
        }
    }

    /** One lookup: env first, then the file, then the default. */
    private record Source(Properties file, Map<String, String> env) {
        String get(String envName, String dflt) {
            String v = env.get(envName);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
            String key = envName.substring("GUILDHALL_".length()).toLowerCase().replace('_', '.');
            v = file.getProperty(key);
            return v != null && !v.isBlank() ? v.trim() : dflt;
        }

        int integer(String name, int dflt) {
            String v = get(name, Integer.toString(dflt));
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be an integer, got '" + v + "'");
            }
        }

        long longValue(String name, long dflt) {
            String v = get(name, Long.toString(dflt));
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be an integer, got '" + v + "'");
            }
        }

        double decimal(String name, double dflt) {
            String v = get(name, Double.toString(dflt));
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be a number, got '" + v + "'");
            }
        }
    }
}

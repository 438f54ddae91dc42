package dev.guildhall.monitor.config;

import dev.guildhall.monitor.slo.AlertPolicy;
import dev.guildhall.monitor.slo.SloThresholds;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Typed configuration of the quality monitor: defaults, then an optional properties file ({@code --config FILE}),
 * then environment variables (env wins), as docs/runtime-contract.md prescribes.
 *
 * <table>
 *   <tr><th>env</th><th>property</th><th>default</th></tr>
 *   <tr><td>GUILDHALL_KAFKA_BOOTSTRAP</td><td>kafka.bootstrap</td><td>127.0.0.1:9092</td></tr>
 *   <tr><td>GUILDHALL_METRICS_PORT</td><td>metrics.port</td><td>9251</td></tr>
 *   <tr><td>GUILDHALL_STATE_DIR</td><td>state.dir</td><td>var/quality-monitor</td></tr>
 *   <tr><td>GUILDHALL_SLO_JITTER_P95_MS</td><td>slo.jitter.p95.ms</td><td>30</td></tr>
 *   <tr><td>GUILDHALL_SLO_LOSS_RATIO</td><td>slo.loss.ratio</td><td>0.05</td></tr>
 *   <tr><td>GUILDHALL_SLO_RTT_P95_MS</td><td>slo.rtt.p95.ms</td><td>300</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_WINDOW_SECONDS</td><td>window.seconds</td><td>30</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_ADVANCE_SECONDS</td><td>advance.seconds</td><td>10</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_GRACE_SECONDS</td><td>grace.seconds</td><td>5</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_ALERT_OPEN_WINDOWS</td><td>alert.open.windows</td><td>2</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_ALERT_CLEAR_WINDOWS</td><td>alert.clear.windows</td><td>1</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_ALERT_CLEAR_RATIO</td><td>alert.clear.ratio</td><td>0.8</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_ALERT_UPDATE_CHANGE</td><td>alert.update.change</td><td>0.25</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_HEARTBEAT_TIMEOUT_SECONDS</td><td>heartbeat.timeout.seconds</td><td>5</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_APPLICATION_ID</td><td>application.id</td><td>guildhall-quality-monitor</td></tr>
 *   <tr><td>GUILDHALL_MONITOR_DEAD_LETTER</td><td>dead.letter</td><td>true</td></tr>
 * </table>
 */
public record MonitorConfig(String kafkaBootstrap, int metricsPort, Path stateDir, SloThresholds thresholds,
                            Duration window, Duration advance, Duration grace, AlertPolicy policy,
                            Duration heartbeatTimeout, String applicationId, boolean deadLetter) {

    private static final String[][] KEYS = {
            {"kafka.bootstrap", "GUILDHALL_KAFKA_BOOTSTRAP", "127.0.0.1:9092"},
            {"metrics.port", "GUILDHALL_METRICS_PORT", "9251"},
            {"state.dir", "GUILDHALL_STATE_DIR", "var/quality-monitor"},
            {"slo.jitter.p95.ms", "GUILDHALL_SLO_JITTER_P95_MS", "30"},
            {"slo.loss.ratio", "GUILDHALL_SLO_LOSS_RATIO", "0.05"},
            {"slo.rtt.p95.ms", "GUILDHALL_SLO_RTT_P95_MS", "300"},
            {"window.seconds", "GUILDHALL_MONITOR_WINDOW_SECONDS", "30"},
            {"advance.seconds", "GUILDHALL_MONITOR_ADVANCE_SECONDS", "10"},
            {"grace.seconds", "GUILDHALL_MONITOR_GRACE_SECONDS", "5"},
            {"alert.open.windows", "GUILDHALL_MONITOR_ALERT_OPEN_WINDOWS", "2"},
            {"alert.clear.windows", "GUILDHALL_MONITOR_ALERT_CLEAR_WINDOWS", "1"},
            {"alert.clear.ratio", "GUILDHALL_MONITOR_ALERT_CLEAR_RATIO", "0.8"},
            {"alert.update.change", "GUILDHALL_MONITOR_ALERT_UPDATE_CHANGE", "0.25"},
            {"heartbeat.timeout.seconds", "GUILDHALL_MONITOR_HEARTBEAT_TIMEOUT_SECONDS", "5"},
            {"application.id", "GUILDHALL_MONITOR_APPLICATION_ID", "guildhall-quality-monitor"},
            {"dead.letter", "GUILDHALL_MONITOR_DEAD_LETTER", "true"},
    };

    /** Loads from {@code --config FILE} (if given in args) and the environment. */
    public static MonitorConfig load(String[] args, Map<String, String> env) {
        Properties file = new Properties();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i])) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file name");
                }
                Path path = Path.of(args[i + 1]);
                try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    file.load(reader);
                } catch (IOException e) {
                    throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
                }
                i++;
            } else {
                throw new ConfigException("unknown argument " + args[i] + " (usage: QualityMonitorMain [--config FILE])");
            }
        }
        Properties merged = new Properties();
        for (String[] key : KEYS) {
            String value = key[2];
            if (file.getProperty(key[0]) != null) {
                value = file.getProperty(key[0]).trim();
            }
            String fromEnv = env.get(key[1]);
            if (fromEnv != null && !fromEnv.isBlank()) {
                value = fromEnv.trim();
            }
            merged.setProperty(key[0], value);
        }
        return fromProperties(merged);
    }

    static MonitorConfig fromProperties(Properties p) {
        String bootstrap = p.getProperty("kafka.bootstrap");
        if (bootstrap.isBlank()) {
            throw new ConfigException("kafka.bootstrap (GUILDHALL_KAFKA_BOOTSTRAP) must not be empty");
        }
        int port = (int) number(p, "metrics.port", 0, 65535);
        double jitter = decimal(p, "slo.jitter.p95.ms");
        double loss = decimal(p, "slo.loss.ratio");
        double rtt = decimal(p, "slo.rtt.p95.ms");
        SloThresholds thresholds;
        AlertPolicy policy;
        try {
            thresholds = new SloThresholds(jitter, loss, rtt);
            policy = new AlertPolicy((int) number(p, "alert.open.windows", 1, 100),
                    (int) number(p, "alert.clear.windows", 1, 100), decimal(p, "alert.clear.ratio"),
                    decimal(p, "alert.update.change"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        long window = number(p, "window.seconds", 1, 86_400);
        long advance = number(p, "advance.seconds", 1, 86_400);
        if (advance > window) {
            throw new ConfigException("advance.seconds must not exceed window.seconds (" + window + "), was " + advance);
        }
        long grace = number(p, "grace.seconds", 0, 86_400);
        long heartbeatTimeout = number(p, "heartbeat.timeout.seconds", 1, 3_600);
        String applicationId = p.getProperty("application.id");
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("application.id may only contain letters, digits, '.', '_' and '-'");
        }
        String deadLetter = p.getProperty("dead.letter");
        if (!deadLetter.equalsIgnoreCase("true") && !deadLetter.equalsIgnoreCase("false")) {
            throw new ConfigException("dead.letter must be true or false, was " + deadLetter);
        }
        return new MonitorConfig(bootstrap, port, Path.of(p.getProperty("state.dir")), thresholds,
                Duration.ofSeconds(window), Duration.ofSeconds(advance), Duration.ofSeconds(grace), policy,
                Duration.ofSeconds(heartbeatTimeout), applicationId,
                Boolean.parseBoolean(deadLetter));
    }

    private static long number(Properties p, String key, long min, long max) {
        String text = p.getProperty(key);
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " is not a whole number: " + text);
        }
    }

    private static double decimal(Properties p, String key) {
        String text = p.getProperty(key);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " is not a number: " + text);
        }
    }

    /** A configuration value that cannot be used; the message names the key. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}

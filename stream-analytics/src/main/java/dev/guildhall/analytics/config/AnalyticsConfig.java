package dev.guildhall.analytics.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Typed configuration of stream-analytics. Loaded from an optional properties file, then overridden by the
 * environment (env wins). Serializable: the job graph carries it to the operators.
 *
 * @param kafkaBootstrap        Kafka bootstrap servers
 * @param groupIdPrefix         consumer group id prefix; each job uses {@code <prefix>-<job>}
 * @param startingOffsets       where a job without a checkpoint starts: "committed" (the group's committed offsets,
 *                              else the earliest) or "earliest" (recompute everything Kafka still holds)
 * @param topicPrefix           prefix of every topic read and written (empty in production; tests isolate with it)
 * @param clickhouseUrl         JDBC url of the ClickHouse database, e.g. jdbc:clickhouse://127.0.0.1:8123/guildhall
 *                              (credentials, if any, as url parameters: ?user=..&amp;password=..)
 * @param checkpointDir         directory for retained checkpoints (one sub directory per job)
 * @param checkpointInterval    checkpoint interval
 * @param metricsPort           port of /health and /metrics (0 = pick a free port)
 * @param parallelism           parallelism of each job
 * @param outOfOrderness        bounded out-of-orderness of the event-time watermarks
 * @param sourceIdleness        a partition without records for this long no longer holds back the watermark
 * @param allowedLateness       late events within this bound re-fire their window (an updated row replaces the old one)
 * @param dedupDepth            an event whose event_id is one of the last this many of its Kafka partition is dropped
 *                              (0 = no de-duplication)
 * @param earlyFireInterval     an open window emits its partial row at most this often (0 = only when it closes)
 * @param sinkBatchSize         rows per ClickHouse insert
 * @param sinkFlushInterval     a partial batch is written after this long
 * @param sinkMaxAttempts       insert attempts before the sink fails the job (which restarts from its checkpoint)
 * @param sinkInitialBackoff    first retry delay, doubled per attempt
 * @param sinkMaxBackoff        upper bound of the retry delay
 * @param voiceMaxSession       a voice session whose leave event never came counts this long from its join
 */
public record AnalyticsConfig(String kafkaBootstrap, String groupIdPrefix, String startingOffsets,
                              String topicPrefix, String clickhouseUrl, String checkpointDir,
                              Duration checkpointInterval, int metricsPort, int parallelism, Duration outOfOrderness,
                              Duration sourceIdleness, Duration allowedLateness, int dedupDepth,
                              Duration earlyFireInterval, int sinkBatchSize, Duration sinkFlushInterval,
                              int sinkMaxAttempts, Duration sinkInitialBackoff, Duration sinkMaxBackoff,
                              Duration voiceMaxSession)
        implements Serializable {

    /** Keys: properties-file key → environment variable. */
    enum Key {
        KAFKA_BOOTSTRAP("kafka.bootstrap", "GUILDHALL_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        GROUP_ID_PREFIX("kafka.group-id-prefix", "GUILDHALL_ANALYTICS_GROUP_ID", "guildhall-analytics"),
        STARTING_OFFSETS("kafka.starting-offsets", "GUILDHALL_KAFKA_STARTING_OFFSETS", "committed"),
        TOPIC_PREFIX("kafka.topic-prefix", "GUILDHALL_KAFKA_TOPIC_PREFIX", ""),
        CLICKHOUSE_URL("clickhouse.url", "GUILDHALL_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123/guildhall"),
        CHECKPOINT_DIR("checkpoint.dir", "GUILDHALL_CHECKPOINT_DIR", "var/flink-checkpoints"),
        CHECKPOINT_INTERVAL("checkpoint.interval", "GUILDHALL_CHECKPOINT_INTERVAL", "PT10S"),
        METRICS_PORT("metrics.port", "GUILDHALL_METRICS_PORT", "9250"),
        PARALLELISM("flink.parallelism", "GUILDHALL_FLINK_PARALLELISM", "1"),
        OUT_OF_ORDERNESS("watermark.out-of-orderness", "GUILDHALL_WATERMARK_OUT_OF_ORDERNESS", "PT5S"),
        SOURCE_IDLENESS("watermark.source-idleness", "GUILDHALL_WATERMARK_SOURCE_IDLENESS", "PT10S"),
        ALLOWED_LATENESS("window.allowed-lateness", "GUILDHALL_WINDOW_ALLOWED_LATENESS", "PT1M"),
        DEDUP_DEPTH("dedup.depth", "GUILDHALL_DEDUP_DEPTH", "10000"),
        EARLY_FIRE_INTERVAL("window.early-fire-interval", "GUILDHALL_WINDOW_EARLY_FIRE_INTERVAL", "PT1S"),
        SINK_BATCH_SIZE("sink.batch-size", "GUILDHALL_SINK_BATCH_SIZE", "5000"),
        SINK_FLUSH_INTERVAL("sink.flush-interval", "GUILDHALL_SINK_FLUSH_INTERVAL", "PT0.5S"),
        SINK_MAX_ATTEMPTS("sink.max-attempts", "GUILDHALL_SINK_MAX_ATTEMPTS", "8"),
        SINK_INITIAL_BACKOFF("sink.initial-backoff", "GUILDHALL_SINK_INITIAL_BACKOFF", "PT0.5S"),
        SINK_MAX_BACKOFF("sink.max-backoff", "GUILDHALL_SINK_MAX_BACKOFF", "PT30S"),
        VOICE_MAX_SESSION("voice.max-session", "GUILDHALL_VOICE_MAX_SESSION", "PT12H");

        final String property;
        final String env;
        final String defaultValue;

        Key(String property, String env, String defaultValue) {
            this.property = property;
            this.env = env;
            this.defaultValue = defaultValue;
        }
    }

    public AnalyticsConfig {
        require(kafkaBootstrap != null && !kafkaBootstrap.isBlank(), "kafka bootstrap servers must be set");
        require("committed".equals(startingOffsets) || "earliest".equals(startingOffsets),
                "kafka starting offsets must be 'committed' or 'earliest' but was '" + startingOffsets + "'");
        require(clickhouseUrl != null && clickhouseUrl.startsWith("jdbc:clickhouse:"),
                "clickhouse url must start with jdbc:clickhouse: but was " + clickhouseUrl);
        require(checkpointDir != null && !checkpointDir.isBlank(), "checkpoint dir must be set");
        require(metricsPort >= 0 && metricsPort <= 65535, "metrics port out of range: " + metricsPort);
        require(parallelism >= 1, "parallelism must be >= 1");
        require(sinkBatchSize >= 1, "sink batch size must be >= 1");
        require(sinkMaxAttempts >= 1, "sink max attempts must be >= 1");
        require(!checkpointInterval.isNegative() && !checkpointInterval.isZero(), "checkpoint interval must be > 0");
        require(dedupDepth >= 0, "dedup depth must be >= 0");
        require(!sinkFlushInterval.isNegative() && !sinkFlushInterval.isZero(), "sink flush interval must be > 0");
        require(voiceMaxSession.toMinutes() >= 1, "voice max session must be at least 1 minute");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid stream-analytics configuration: " + message);
        }
    }

    /** Defaults, then the optional file, then the environment. */
    public static AnalyticsConfig load(Path file, Map<String, String> env) throws IOException {
        Properties props = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
        }
        return from(props, env);
    }

    public static AnalyticsConfig from(Properties props, Map<String, String> env) {
        if (env.containsKey("GUILDHALL_DEDUP_HORIZON") || props.containsKey("dedup.horizon")) {
            throw new IllegalArgumentException("invalid stream-analytics configuration: GUILDHALL_DEDUP_HORIZON /"
                    + " dedup.horizon was replaced by GUILDHALL_DEDUP_DEPTH / dedup.depth (event ids remembered per"
                    + " Kafka partition, default 10000, 0 = no de-duplication)");
        }
        Lookup l = new Lookup(props, env);
        return new AnalyticsConfig(
                l.string(Key.KAFKA_BOOTSTRAP), l.string(Key.GROUP_ID_PREFIX), l.string(Key.STARTING_OFFSETS),
                l.string(Key.TOPIC_PREFIX),
                l.string(Key.CLICKHOUSE_URL),
                l.string(Key.CHECKPOINT_DIR),
                l.duration(Key.CHECKPOINT_INTERVAL), l.integer(Key.METRICS_PORT), l.integer(Key.PARALLELISM),
                l.duration(Key.OUT_OF_ORDERNESS), l.duration(Key.SOURCE_IDLENESS), l.duration(Key.ALLOWED_LATENESS),
                l.integer(Key.DEDUP_DEPTH), l.duration(Key.EARLY_FIRE_INTERVAL),
                l.integer(Key.SINK_BATCH_SIZE), l.duration(Key.SINK_FLUSH_INTERVAL), l.integer(Key.SINK_MAX_ATTEMPTS),
                l.duration(Key.SINK_INITIAL_BACKOFF), l.duration(Key.SINK_MAX_BACKOFF),
                l.duration(Key.VOICE_MAX_SESSION));
    }

    /** The same configuration starting from the earliest offsets (a rebuild from Kafka). */
    public AnalyticsConfig fromEarliest() {
        return new AnalyticsConfig(kafkaBootstrap, groupIdPrefix, "earliest", topicPrefix, clickhouseUrl, checkpointDir,
                checkpointInterval, metricsPort, parallelism, outOfOrderness, sourceIdleness, allowedLateness,
                dedupDepth, earlyFireInterval, sinkBatchSize, sinkFlushInterval, sinkMaxAttempts, sinkInitialBackoff,
                sinkMaxBackoff, voiceMaxSession);
    }

    public boolean startFromEarliest() {
        return "earliest".equals(startingOffsets);
    }

    /** The Kafka topic name for a contract topic ({@code dev.guildhall.events.Topics}). */
    public String topic(String contractTopic) {
        return topicPrefix + contractTopic;
    }

    public String groupId(String jobName) {
        return groupIdPrefix + "-" + jobName;
    }

    private record Lookup(Properties props, Map<String, String> env) {
        String string(Key key) {
            String fromEnv = env.get(key.env);
            if (fromEnv != null && (!fromEnv.isBlank() || key.defaultValue.isEmpty())) {
                return fromEnv.trim();
            }
            return props.getProperty(key.property, key.defaultValue).trim();
        }

        int integer(Key key) {
            String v = string(key);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid stream-analytics configuration: " + key.env + " / "
                        + key.property + " must be an integer but was '" + v + "'");
            }
        }

        /** ISO-8601 (PT10S) or a plain number of milliseconds, or a number with ms / s / m suffix. */
        Duration duration(Key key) {
            String v = string(key);
            try {
                return parseDuration(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid stream-analytics configuration: " + key.env + " / "
                        + key.property + " must be a duration (PT10S, 10s, 500ms, 2m) but was '" + v + "'");
            }
        }
    }

    static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase();
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(s.toUpperCase());
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
        }
        if (s.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
        }
        return Duration.ofMillis(Long.parseLong(s));
    }
}

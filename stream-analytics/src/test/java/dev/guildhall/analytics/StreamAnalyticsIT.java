package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.metrics.MetricsServer;
import dev.guildhall.analytics.runtime.CheckpointLocator;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.analytics.voice.VoiceQualityJob;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.warehouse.Migrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two jobs in a real MiniCluster (the local launch code) against the testkit's real Kafka broker and ClickHouse
 * server: known events in past minutes in, exact rows in ClickHouse out (within 90 s), dead letters on their topic
 * and in /metrics, a re-sent event counted once, and a restart that resumes from the retained checkpoint and completes a half-filled window.
 */
class StreamAnalyticsIT {
    private static final long MINUTE = 60_000;
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    static Path checkpoints;

    private static KafkaEngine kafka;
    private static ClickHouseEngine clickhouse;
    private static String database;
    private static AnalyticsConfig config;
    private static KafkaFeed feed;
    private static String PREFIX;
    private static LocalAnalyticsRuntime runtime;
    private static MetricsServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void engines() throws Exception {
        kafka = Engines.kafka();
        clickhouse = Engines.clickhouse();
        database = clickhouse.createDatabase("analytics");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        feed = new KafkaFeed(kafka, 2);
        PREFIX = feed.prefix;

        Map<String, String> env = new HashMap<>();
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database));
        env.put("GUILDHALL_CHECKPOINT_DIR", checkpoints.toString());
        env.put("GUILDHALL_METRICS_PORT", "0");
        env.put("GUILDHALL_ANALYTICS_GROUP_ID", "it-" + UUID.randomUUID());
        env.put("GUILDHALL_KAFKA_TOPIC_PREFIX", PREFIX);
        env.put("GUILDHALL_CHECKPOINT_INTERVAL", "2s");
        env.put("GUILDHALL_FLINK_PARALLELISM", "2");   // one source subtask per partition, keyed windows spread
        env.put("GUILDHALL_WATERMARK_SOURCE_IDLENESS", "2s");
        env.put("GUILDHALL_SINK_FLUSH_INTERVAL", "500ms");
        // events of a past minute may race the watermark advancer across partitions: keep them in lateness
        env.put("GUILDHALL_WINDOW_ALLOWED_LATENESS", "15m");
        config = AnalyticsConfig.from(new Properties(), env);

        startRuntime();
    }

    private static void startRuntime() throws Exception {
        runtime = new LocalAnalyticsRuntime(config, AnalyticsJobs.select(EngagementJob.NAME + "," + VoiceQualityJob.NAME),
                AnalyticsMetrics.registry());
        server = new MetricsServer(0, AnalyticsMetrics.registry(), runtime::healthy).start();
        runtime.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/health").statusCode() == 200);
    }

    private static void stopRuntime() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        stopRuntime();
        if (feed != null) {
            feed.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(String topic, long guildId, byte[] value) {
        feed.send(topic, guildId, value);
    }

    private static void advanceWatermarks(String topic, long time) {
        feed.advanceWatermarks(topic, time);
    }

    private static String query(String sql) {
        return clickhouse.query(database, sql);
    }

    @Test
    void eventsBecomeExactRowsDeadLettersAreRoutedAndARestartResumesFromTheCheckpoint() throws Exception {
        long m = (System.currentTimeMillis() / MINUTE) * MINUTE - 30 * MINUTE;   // a whole minute in the past
        long m2 = m + 5 * MINUTE;
        long mSec = m / 1000;

        // --- messages: guild 5001 channel 6001 x3 in minute m, 1 in m+1; channel 6002 x1; guild 5002 x2
        send(Topics.MESSAGES, 5001, TestEvents.messageCreated(5001, 6001, m + 1_000));
        send(Topics.MESSAGES, 5001, TestEvents.messageCreated(5001, 6001, m + 20_000));
        send(Topics.MESSAGES, 5001, TestEvents.messageCreated(5001, 6001, m + 59_999));
        send(Topics.MESSAGES, 5001, TestEvents.messageCreated(5001, 6001, m + MINUTE));
        send(Topics.MESSAGES, 5001, TestEvents.messageCreated(5001, 6002, m + 30_000));
        byte[] resent = TestEvents.messageCreated(5002, 6001, m + 10_000);
        send(Topics.MESSAGES, 5002, resent);
        send(Topics.MESSAGES, 5002, resent);   // at-least-once producer: the same event_id again, counted once
        send(Topics.MESSAGES, 5002, TestEvents.messageCreated(5002, 6001, m + 11_000));
        // bad input: not JSON, and a contract violation; neither stops the job
        send(Topics.MESSAGES, 5001, "this is not json".getBytes(StandardCharsets.UTF_8));
        send(Topics.MESSAGES, 5001, new String(TestEvents.messageCreated(5001, 6001, m + 2_000), StandardCharsets.UTF_8)
                .replace("\"channel_id\":\"6001\"", "\"channel_id\":\"general\"").getBytes(StandardCharsets.UTF_8));
        // first half of minute m2 (completed after the restart)
        send(Topics.MESSAGES, 5003, TestEvents.messageCreated(5003, 7001, m2 + 1_000));
        send(Topics.MESSAGES, 5003, TestEvents.messageCreated(5003, 7001, m2 + 2_000));

        // --- voice: voice-a 5 samples (jitter 10..50, lost 10 of 1000), voice-b 1 sample
        double[] jitter = {30, 10, 50, 20, 40};
        long[] lost = {5, 2, 0, 0, 3};
        long[] expected = {250, 250, 0, 250, 250};
        for (int i = 0; i < jitter.length; i++) {
            send(Topics.VOICE_QUALITY, 900, TestEvents.voiceQuality("eu-test", "voice-a", m + 5_000 * (i + 1),
                    jitter[i], lost[i], expected[i]));
        }
        send(Topics.VOICE_QUALITY, 900, TestEvents.voiceQuality("eu-test", "voice-b", m + 42_000, 7.5, 1, 100));
        feed.flush();

        advanceWatermarks(Topics.MESSAGES, m + 3 * MINUTE);
        advanceWatermarks(Topics.VOICE_QUALITY, m + 3 * MINUTE);
        feed.flush();

        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(query(
                "SELECT guild_id, channel_id, toUInt32(minute), messages FROM message_counts_1m FINAL"
                        + " WHERE guild_id IN (5001, 5002) ORDER BY guild_id, channel_id, minute"))
                .isEqualTo("5001\t6001\t" + mSec + "\t3\n"
                        + "5001\t6001\t" + (mSec + 60) + "\t1\n"
                        + "5001\t6002\t" + mSec + "\t1\n"
                        + "5002\t6001\t" + mSec + "\t2\n"));

        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(query(
                "SELECT region, voice_server, toUInt32(minute), samples, jitter_p50_ms, jitter_p95_ms, loss_ratio"
                        + " FROM voice_quality_1m FINAL WHERE region = 'eu-test' ORDER BY voice_server"))
                .isEqualTo("eu-test\tvoice-a\t" + mSec + "\t5\t30\t48\t0.01\n"
                        + "eu-test\tvoice-b\t" + mSec + "\t1\t7.5\t7.5\t0.01\n"));

        // minute m2 is still open (the watermark is before it): early firing already shows its partial count
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(query(
                "SELECT guild_id, toUInt32(minute), messages FROM message_counts_1m FINAL WHERE guild_id = 5003"))
                .isEqualTo("5003\t" + m2 / 1000 + "\t2\n"));

        // the version column is the computation time (epoch ms)
        long version = Long.parseLong(query("SELECT max(version) FROM message_counts_1m").trim());
        assertThat(version).isBetween(System.currentTimeMillis() - 5 * MINUTE, System.currentTimeMillis());

        // dead letters: on their topic with the reason, counted in /metrics
        List<String> deadLetters = feed.read(Topics.DEAD_LETTER, 2);
        assertThat(deadLetters).anySatisfy(d -> assertThat(d).contains("\"reason\":\"unparseable event")
                .contains("\"source_topic\":\"" + PREFIX + "guildhall.messages\"").contains("this is not json"));
        assertThat(deadLetters).anySatisfy(d -> assertThat(d)
                .contains("\"reason\":\"payload.channel_id is not a snowflake: general\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/metrics").body())
                .containsPattern("guildhall_analytics_dead_letters_total\\{[^}]*job=\"engagement\"[^}]*} 2\\.0")
                .contains("guildhall_analytics_job_running{job=\"voice-quality\",service=\"stream-analytics\"} 1.0")
                .containsPattern("guildhall_analytics_duplicate_events_total\\{[^}]*job=\"engagement\"[^}]*} 1\\.0")
                .containsPattern("guildhall_analytics_rows_written_total\\{[^}]*job=\"voice-quality\""));

        // --- restart: wait for a checkpoint taken after the rows were written, stop, start again
        long rowsSeenAt = System.currentTimeMillis();
        for (String job : List.of(EngagementJob.NAME, VoiceQualityJob.NAME)) {
            Path jobDir = checkpoints.resolve(job);
            await().atMost(Duration.ofSeconds(30)).until(() -> CheckpointLocator.latest(jobDir)
                    .map(chk -> modified(chk.resolve("_metadata")) > rowsSeenAt + 500).orElse(false));
        }
        stopRuntime();
        startRuntime();
        assertThat(runtime.restoredFrom()).containsOnlyKeys(EngagementJob.NAME, VoiceQualityJob.NAME);

        send(Topics.MESSAGES, 5003, TestEvents.messageCreated(5003, 7001, m2 + 3_000));
        send(Topics.MESSAGES, 5003, TestEvents.messageCreated(5003, 7001, m2 + 4_000));
        send(Topics.MESSAGES, 5003, TestEvents.messageCreated(5003, 7001, m2 + 5_000));
        feed.flush();
        advanceWatermarks(Topics.MESSAGES, m2 + 3 * MINUTE);
        feed.flush();

        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(query(
                "SELECT guild_id, channel_id, toUInt32(minute), messages FROM message_counts_1m FINAL"
                        + " WHERE guild_id IN (5001, 5002, 5003) ORDER BY guild_id, channel_id, minute"))
                .isEqualTo("5001\t6001\t" + mSec + "\t3\n"
                        + "5001\t6001\t" + (mSec + 60) + "\t1\n"
                        + "5001\t6002\t" + mSec + "\t1\n"
                        + "5002\t6001\t" + mSec + "\t2\n"
                        + "5003\t7001\t" + (m2 / 1000) + "\t5\n"));
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (Exception e) {
            return 0;
        }
    }
}

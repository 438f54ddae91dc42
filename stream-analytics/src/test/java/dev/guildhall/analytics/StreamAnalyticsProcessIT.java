package dev.guildhall.analytics;

import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.runtime.CheckpointLocator;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * stream-analytics launched exactly as the runtime contract does (plain jar + target/lib, StreamAnalyticsMain,
 * -Xmx768m) against real Kafka and ClickHouse; killed with -9 while a window is half full, started again: it
 * resumes from its retained checkpoint and the window's row is exact (no loss, no double count). Its topics do not
 * exist when it starts.
 */
class StreamAnalyticsProcessIT {
    private static final long MINUTE = 60_000;
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path checkpoints;

    @Test
    void survivesKillNineAndResumesFromItsCheckpoint() throws Exception {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("analytics_proc");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        int port = FreePorts.next();
        // the topics are created only after the service started: it must wait for them, not fail
        try (KafkaFeed feed = new KafkaFeed(Engines.kafka())) {
            Map<String, String> env = Map.of(
                    "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                    "GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database),
                    "GUILDHALL_CHECKPOINT_DIR", checkpoints.toString(),
                    "GUILDHALL_METRICS_PORT", Integer.toString(port),
                    "GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix,
                    "GUILDHALL_ANALYTICS_GROUP_ID", "it-proc-" + UUID.randomUUID(),
                    "GUILDHALL_CHECKPOINT_INTERVAL", "2s",
                    "GUILDHALL_WATERMARK_SOURCE_IDLENESS", "2s",
                    "GUILDHALL_SINK_FLUSH_INTERVAL", "500ms",
                    "GUILDHALL_WINDOW_ALLOWED_LATENESS", "15m");
            String health = "http://127.0.0.1:" + port + "/health";
            long m = (System.currentTimeMillis() / MINUTE) * MINUTE - 20 * MINUTE;
            long m2 = m + 5 * MINUTE;

            ServiceProcess first = start(env, health);
            try {
                feed.createTopics(2);
                for (int i = 0; i < 4; i++) {
                    feed.send(Topics.MESSAGES, 8001, TestEvents.messageCreated(8001, 1, m + 1_000 * i));
                }
                for (int i = 0; i < 3; i++) {   // first part of minute m2
                    feed.send(Topics.MESSAGES, 8002, TestEvents.messageCreated(8002, 1, m2 + 1_000 * i));
                }
                feed.flush();
                feed.advanceWatermarks(Topics.MESSAGES, m + 2 * MINUTE);
                feed.flush();
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                        clickhouse.query(database, "SELECT guild_id, toUInt32(minute), messages FROM message_counts_1m"
                                + " FINAL WHERE guild_id = 8001 ORDER BY minute"))
                        .isEqualTo("8001\t" + m / 1000 + "\t4\n"));
                // minute m2 is still open: at most an early-fired partial row of the 3 events sent so far
                assertThat(clickhouse.query(database, "SELECT guild_id, toUInt32(minute), messages FROM message_counts_1m"
                        + " FINAL WHERE guild_id = 8002")).isIn("", "8002\t" + m2 / 1000 + "\t3\n");
                assertThat(get("http://127.0.0.1:" + port + "/metrics").body())
                        .contains("guildhall_analytics_job_running{job=\"engagement\",service=\"stream-analytics\"} 1.0");
                long rowsSeenAt = System.currentTimeMillis();
                Path jobDir = checkpoints.resolve(EngagementJob.NAME);
                await().atMost(Duration.ofSeconds(30)).until(() -> CheckpointLocator.latest(jobDir)
                        .map(chk -> modified(chk.resolve("_metadata")) > rowsSeenAt + 500).orElse(false));
            } finally {
                first.kill9();
            }

            // while it is down: the rest of minute m2, then an event that closes it
            for (int i = 3; i < 5; i++) {
                feed.send(Topics.MESSAGES, 8002, TestEvents.messageCreated(8002, 1, m2 + 1_000 * i));
            }
            feed.flush();
            feed.advanceWatermarks(Topics.MESSAGES, m2 + 2 * MINUTE);
            feed.flush();

            ServiceProcess second = start(env, health);
            try {
                assertThat(Files.readString(second.logFile())).contains("job engagement submitted as")
                        .contains("resuming from checkpoint " + checkpoints.resolve(EngagementJob.NAME));
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                        clickhouse.query(database, "SELECT guild_id, toUInt32(minute), messages FROM message_counts_1m"
                                + " FINAL WHERE guild_id IN (8001, 8002) ORDER BY guild_id, minute"))
                        .isEqualTo("8001\t" + m / 1000 + "\t4\n" + "8002\t" + m2 / 1000 + "\t5\n"));
            } finally {
                second.close();
            }
            assertThat(second.isAlive()).isFalse();
        }
    }

    private static ServiceProcess start(Map<String, String> env, String health) {
        return ServiceProcess.start("stream-analytics", "dev.guildhall.analytics.StreamAnalyticsMain", "768m", env)
                .awaitHealthy(health, Duration.ofSeconds(90));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (Exception e) {
            return 0;
        }
    }
}

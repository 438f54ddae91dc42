package dev.guildhall.analytics;

import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.runtime.CheckpointLocator;
import dev.guildhall.analytics.voice.VoiceQualityJob;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shaded job jar (target/stream-analytics-job.jar, Flink provided) submitted with {@code flink run} to a
 * standalone Flink cluster (JobManager + TaskManager JVMs on Flink's jars only) runs both jobs unchanged: exact rows
 * in ClickHouse, checkpoints in GUILDHALL_CHECKPOINT_DIR.
 */
class FlinkClusterIT {
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    @Test
    void theShadedJarRunsOnAStandaloneCluster() throws Exception {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("analytics_cluster");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        Path checkpoints = dir.resolve("checkpoints");
        try (KafkaFeed feed = new KafkaFeed(Engines.kafka(), 2);
             FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(Path.of("target/flink-cluster-it")
                     .resolve(Long.toString(System.currentTimeMillis())).toAbsolutePath())) {
            cluster.start();
            Map<String, String> env = Map.of(
                    "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                    "GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database),
                    "GUILDHALL_CHECKPOINT_DIR", checkpoints.toUri().toString(),
                    "GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix,
                    "GUILDHALL_ANALYTICS_GROUP_ID", "it-cluster-" + UUID.randomUUID(),
                    "GUILDHALL_CHECKPOINT_INTERVAL", "2s",
                    "GUILDHALL_WATERMARK_SOURCE_IDLENESS", "2s",
                    "GUILDHALL_SINK_FLUSH_INTERVAL", "500ms",
                    "GUILDHALL_WINDOW_ALLOWED_LATENESS", "15m");
            int exit = cluster.run(env, "-d", Path.of("target/stream-analytics-job.jar").toAbsolutePath().toString(),
                    "--jobs", "engagement,voice-quality");
            assertThat(exit).as("flink run exit code; its output:\n%s", cluster.log("run")).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String jobs = cluster.getOrNull("/jobs/overview");
                assertThat(jobs).isNotNull();
                assertThat(jobs.split("\"state\":\"RUNNING\"", -1)).hasSize(3);   // two RUNNING jobs
            });

            long m = (System.currentTimeMillis() / MINUTE) * MINUTE - 15 * MINUTE;
            for (int i = 0; i < 3; i++) {
                feed.send(Topics.MESSAGES, 7001, TestEvents.messageCreated(7001, 42, m + 1_000 * i));
            }
            feed.send(Topics.VOICE_QUALITY, 7001, TestEvents.voiceQuality("eu-cluster", "v1", m + 5_000, 10, 1, 50));
            feed.send(Topics.VOICE_QUALITY, 7001, TestEvents.voiceQuality("eu-cluster", "v1", m + 10_000, 20, 0, 50));
            feed.flush();
            feed.advanceWatermarks(Topics.MESSAGES, m + 2 * MINUTE);
            feed.advanceWatermarks(Topics.VOICE_QUALITY, m + 2 * MINUTE);
            feed.flush();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(clickhouse.query(database, "SELECT guild_id, channel_id, toUInt32(minute), messages"
                        + " FROM message_counts_1m FINAL WHERE guild_id = 7001"))
                        .isEqualTo("7001\t42\t" + m / 1000 + "\t3\n");
                assertThat(clickhouse.query(database, "SELECT region, voice_server, toUInt32(minute), samples,"
                        + " jitter_p50_ms, jitter_p95_ms, loss_ratio FROM voice_quality_1m FINAL"
                        + " WHERE region = 'eu-cluster'"))
                        .isEqualTo("eu-cluster\tv1\t" + m / 1000 + "\t2\t15\t19.5\t0.01\n");
            });
            for (String job : new String[]{EngagementJob.NAME, VoiceQualityJob.NAME}) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> CheckpointLocator.latest(checkpoints.resolve(job)).isPresent());
            }
        }
    }
}

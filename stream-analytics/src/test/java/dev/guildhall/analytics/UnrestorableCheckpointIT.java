package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retained checkpoint that cannot be restored (here: a corrupt {@code _metadata}) must not leave the job
 * restarting forever: it is moved aside and the job rebuilds its rows from the earliest Kafka offsets.
 */
class UnrestorableCheckpointIT {
    private static final long MINUTE = 60_000;

    @TempDir
    Path checkpoints;

    @Test
    void aCorruptCheckpointIsMovedAsideAndTheJobRebuildsFromKafka() throws Exception {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("analytics_restore");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        Path corrupt = Files.createDirectories(checkpoints.resolve(EngagementJob.NAME)
                .resolve("0123456789abcdef0123456789abcdef").resolve("chk-7"));
        Files.writeString(corrupt.resolve("_metadata"), "not a checkpoint", StandardCharsets.UTF_8);

        try (KafkaFeed feed = new KafkaFeed(Engines.kafka(), 1)) {
            long m = (System.currentTimeMillis() / MINUTE) * MINUTE - 10 * MINUTE;
            for (int i = 0; i < 3; i++) {
                feed.send(Topics.MESSAGES, 6100, TestEvents.messageCreated(6100, 1, m + 1_000 * i));
            }
            feed.flush();
            feed.advanceWatermarks(Topics.MESSAGES, m + 2 * MINUTE);
            feed.flush();

            AnalyticsConfig config = AnalyticsConfig.from(new Properties(), Map.of(
                    "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                    "GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database),
                    "GUILDHALL_CHECKPOINT_DIR", checkpoints.toString(),
                    "GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix,
                    "GUILDHALL_ANALYTICS_GROUP_ID", "it-restore-" + UUID.randomUUID(),
                    "GUILDHALL_CHECKPOINT_INTERVAL", "2s",
                    "GUILDHALL_WATERMARK_SOURCE_IDLENESS", "2s",
                    "GUILDHALL_SINK_FLUSH_INTERVAL", "500ms"));
            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(config, AnalyticsJobs.select("engagement"),
                    AnalyticsMetrics.registry())) {
                runtime.start();
                assertThat(runtime.restoredFrom()).containsEntry(EngagementJob.NAME, corrupt);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(clickhouse.query(database, "SELECT guild_id, toUInt32(minute), messages"
                            + " FROM message_counts_1m FINAL WHERE guild_id = 6100"))
                            .isEqualTo("6100\t" + m / 1000 + "\t3\n");
                    assertThat(runtime.isRunning(EngagementJob.NAME)).isTrue();
                });
                assertThat(runtime.restoredFrom()).isEmpty();
                assertThat(corrupt).doesNotExist();
                assertThat(checkpoints.resolve(EngagementJob.NAME + ".unrestorable")).isDirectory();
            }
        }
    }
}

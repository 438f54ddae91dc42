package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.TcpProxy;
import dev.guildhall.warehouse.Migrator;
import io.micrometer.core.instrument.FunctionCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ClickHouse unreachable for 20 s while windows close: the sink retries, gives up, the job restarts from its
 * checkpoint (again and again while ClickHouse is away) and, once ClickHouse is back, the rows are exact: nothing
 * lost, nothing counted twice.
 */
class ClickHouseOutageIT {
    private static final long MINUTE = 60_000;

    @TempDir
    Path checkpoints;

    @Test
    void rowsAreExactAfterAnOutage() throws Exception {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("analytics_outage");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        try (TcpProxy proxy = new TcpProxy(clickhouse.httpPort());
             KafkaFeed feed = new KafkaFeed(Engines.kafka(), 1)) {
            AnalyticsConfig config = AnalyticsConfig.from(new Properties(), Map.of(
                    "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                    "GUILDHALL_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/" + database,
                    "GUILDHALL_CHECKPOINT_DIR", checkpoints.toString(),
                    "GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix,
                    "GUILDHALL_ANALYTICS_GROUP_ID", "it-outage-" + UUID.randomUUID(),
                    "GUILDHALL_CHECKPOINT_INTERVAL", "2s",
                    "GUILDHALL_WATERMARK_SOURCE_IDLENESS", "2s",
                    "GUILDHALL_SINK_FLUSH_INTERVAL", "500ms",
                    "GUILDHALL_SINK_MAX_ATTEMPTS", "3",
                    "GUILDHALL_SINK_INITIAL_BACKOFF", "500ms"));
            long m = (System.currentTimeMillis() / MINUTE) * MINUTE - 20 * MINUTE;
            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(config, AnalyticsJobs.select("engagement"),
                    AnalyticsMetrics.registry())) {
                runtime.start();
                for (int i = 0; i < 2; i++) {
                    feed.send(Topics.MESSAGES, 6200, TestEvents.messageCreated(6200, 1, m + 1_000 * i));
                }
                feed.flush();
                feed.advanceWatermarks(Topics.MESSAGES, m + 2 * MINUTE);
                feed.flush();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(clickhouse.query(database, "SELECT toUInt32(minute), messages FROM message_counts_1m"
                                + " FINAL WHERE guild_id = 6200")).isEqualTo(m / 1000 + "\t2\n"));

                proxy.cut();
                long m2 = m + 5 * MINUTE;
                for (int i = 0; i < 4; i++) {
                    feed.send(Topics.MESSAGES, 6200, TestEvents.messageCreated(6200, 1, m2 + 1_000 * i));
                }
                feed.send(Topics.MESSAGES, 6200, TestEvents.messageCreated(6200, 2, m2 + 30_000));
                feed.flush();
                feed.advanceWatermarks(Topics.MESSAGES, m2 + 2 * MINUTE);
                feed.flush();
                await().atMost(Duration.ofSeconds(30)).until(() -> insertFailures() > 0);
                Thread.sleep(20_000);
                proxy.restore();

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(clickhouse.query(database, "SELECT channel_id, toUInt32(minute), messages"
                                + " FROM message_counts_1m FINAL WHERE guild_id = 6200 ORDER BY channel_id, minute"))
                                .isEqualTo("1\t" + m / 1000 + "\t2\n"
                                        + "1\t" + m2 / 1000 + "\t4\n"
                                        + "2\t" + m2 / 1000 + "\t1\n"));
                await().atMost(Duration.ofSeconds(60)).until(() -> runtime.isRunning("engagement"));
            }
        }
    }

    private static double insertFailures() {
        return AnalyticsMetrics.registry().find("guildhall_analytics_insert_failures").tag("job", "engagement")
                .functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }
}

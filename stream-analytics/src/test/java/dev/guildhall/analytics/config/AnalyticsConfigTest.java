package dev.guildhall.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsConfigTest {

    @Test
    void defaultsFollowTheRuntimeContract() {
        AnalyticsConfig c = AnalyticsConfig.from(new Properties(), Map.of());
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(c.clickhouseUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/guildhall");
        assertThat(c.checkpointDir()).isEqualTo("var/flink-checkpoints");
        assertThat(c.metricsPort()).isEqualTo(9250);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.groupId("engagement")).isEqualTo("guildhall-analytics-engagement");
        assertThat(c.voiceMaxSession()).isEqualTo(Duration.ofHours(12));
        // p95 event-to-ClickHouse freshness <= 5 s (issue #5): a row waits at most ~1 s for its window, ~0.5 s in the sink
        assertThat(c.earlyFireInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.sinkFlushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.dedupDepth()).isEqualTo(10_000);
    }

    @Test
    void theRetiredDedupHorizonIsAClearError() {
        assertThatThrownBy(() -> AnalyticsConfig.from(new Properties(), Map.of("GUILDHALL_DEDUP_HORIZON", "PT10M")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GUILDHALL_DEDUP_DEPTH");
    }

    @Test
    void environmentWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("analytics.properties");
        Files.writeString(file, "kafka.bootstrap=file:1\nmetrics.port=9999\nsink.batch-size=7\ncheckpoint.interval=3s\n");
        AnalyticsConfig c = AnalyticsConfig.load(file, Map.of("GUILDHALL_KAFKA_BOOTSTRAP", "env:2",
                "GUILDHALL_CHECKPOINT_DIR", "/tmp/chk"));
        assertThat(c.kafkaBootstrap()).isEqualTo("env:2");
        assertThat(c.metricsPort()).isEqualTo(9999);
        assertThat(c.sinkBatchSize()).isEqualTo(7);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.checkpointDir()).isEqualTo("/tmp/chk");
    }

    @Test
    void durationsInSeveralSpellings() {
        assertThat(AnalyticsConfig.parseDuration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
        assertThat(AnalyticsConfig.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(AnalyticsConfig.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(AnalyticsConfig.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> AnalyticsConfig.from(new Properties(), Map.of("GUILDHALL_METRICS_PORT", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GUILDHALL_METRICS_PORT").hasMessageContaining("abc");
        assertThatThrownBy(() -> AnalyticsConfig.from(new Properties(), Map.of("GUILDHALL_CLICKHOUSE_URL", "http://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:clickhouse:");
        assertThatThrownBy(() -> AnalyticsConfig.from(new Properties(), Map.of("GUILDHALL_CHECKPOINT_INTERVAL", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GUILDHALL_CHECKPOINT_INTERVAL");
        assertThatThrownBy(() -> AnalyticsConfig.from(new Properties(), Map.of("GUILDHALL_VOICE_MAX_SESSION", "30s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("voice max session");
    }
}

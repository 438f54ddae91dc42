package dev.guildhall.monitor.config;

import dev.guildhall.monitor.slo.AlertPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorConfigTest {

    @Test
    void defaultsFollowTheRuntimeContract() {
        MonitorConfig c = MonitorConfig.load(new String[0], Map.of());
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(c.metricsPort()).isEqualTo(9251);
        assertThat(c.stateDir()).isEqualTo(Path.of("var/quality-monitor"));
        assertThat(c.thresholds().jitterP95Ms()).isEqualTo(30.0);
        assertThat(c.thresholds().lossRatio()).isEqualTo(0.05);
        assertThat(c.thresholds().rttP95Ms()).isEqualTo(300.0);
        assertThat(c.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.advance()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.policy()).isEqualTo(AlertPolicy.DEFAULT);
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.deadLetter()).isTrue();
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("monitor.properties");
        Files.writeString(file, "metrics.port=9999\nslo.loss.ratio=0.02\nwindow.seconds=60\nalert.open.windows=3\n");
        MonitorConfig c = MonitorConfig.load(new String[]{"--config", file.toString()},
                Map.of("GUILDHALL_METRICS_PORT", "9300", "GUILDHALL_SLO_JITTER_P95_MS", "25.5",
                        "GUILDHALL_KAFKA_BOOTSTRAP", "10.0.0.1:9092"));
        assertThat(c.metricsPort()).isEqualTo(9300);
        assertThat(c.thresholds().lossRatio()).isEqualTo(0.02);
        assertThat(c.thresholds().jitterP95Ms()).isEqualTo(25.5);
        assertThat(c.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.policy().openWindows()).isEqualTo(3);
        assertThat(c.kafkaBootstrap()).isEqualTo("10.0.0.1:9092");
    }

    @Test
    void badValuesAreNamedInTheError() {
        assertThatThrownBy(() -> MonitorConfig.load(new String[0], Map.of("GUILDHALL_METRICS_PORT", "http")))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("metrics.port");
        assertThatThrownBy(() -> MonitorConfig.load(new String[0], Map.of("GUILDHALL_SLO_LOSS_RATIO", "1.5")))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("loss ratio");
        assertThatThrownBy(() -> MonitorConfig.load(new String[0], Map.of("GUILDHALL_SLO_JITTER_P95_MS", "-3")))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> MonitorConfig.load(new String[]{"--config", "/nonexistent/x.properties"}, Map.of()))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("/nonexistent/x.properties");
        assertThatThrownBy(() -> MonitorConfig.load(new String[0], Map.of("GUILDHALL_MONITOR_ADVANCE_SECONDS", "40")))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("advance.seconds");
        assertThatThrownBy(() -> MonitorConfig.load(new String[0], Map.of("GUILDHALL_MONITOR_ALERT_CLEAR_RATIO", "2")))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("clear ratio");
        assertThatThrownBy(() -> MonitorConfig.load(new String[]{"--verbose"}, Map.of()))
                .isInstanceOf(MonitorConfig.ConfigException.class).hasMessageContaining("--verbose");
    }
}

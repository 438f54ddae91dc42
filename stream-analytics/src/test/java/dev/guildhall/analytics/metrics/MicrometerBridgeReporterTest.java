package dev.guildhall.analytics.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerBridgeReporterTest {
    @Test
    void camelCaseBecomesPrometheusSnakeCase() {
        assertThat(MicrometerBridgeReporter.snake("deadLetters")).isEqualTo("dead_letters");
        assertThat(MicrometerBridgeReporter.snake("numberOfCompletedCheckpoints"))
                .isEqualTo("number_of_completed_checkpoints");
        assertThat(MicrometerBridgeReporter.snake("rows")).isEqualTo("rows");
    }
}

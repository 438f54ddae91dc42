package dev.guildhall.analytics.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerBridgeReporterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerBridgeReporter reporter = new MicrometerBridgeReporter(registry);

    /** A Flink operator metric group as the MiniCluster scopes it. */
    private static MetricGroup operatorGroup(String job, String operator) {
        return new UnregisteredMetricsGroup() {
            @Override
            public Map<String, String> getAllVariables() {
                return Map.of("<job_name>", job, "<task_name>", "task", "<operator_name>", operator,
                        "<subtask_index>", "0");
            }

            @Override
            public String getMetricIdentifier(String metricName) {
                return "localhost.taskmanager.tm1." + job + "." + operator + ".0.guildhall." + metricName;
            }
        };
    }

    private double deadLetters() {
        return registry.get("guildhall_analytics_dead_letters").tags("job", "engagement").functionCounter().count();
    }

    @Test
    void guildhallCountersAreExportedWithJobOperatorAndSubtask() {
        SimpleCounter counter = new SimpleCounter();
        counter.inc(3);
        reporter.notifyOfAddedMetric(counter, "deadLetters", operatorGroup("engagement", "engagement-decode"));
        assertThat(deadLetters()).isEqualTo(3.0);
        assertThat(registry.get("guildhall_analytics_dead_letters").meter().getId().getTag("operator"))
                .isEqualTo("engagement-decode");

        reporter.notifyOfRemovedMetric(counter, "deadLetters", operatorGroup("engagement", "engagement-decode"));
        assertThat(registry.find("guildhall_analytics_dead_letters").meter()).isNull();
    }

    @Test
    void aRestartedTaskTakesOverItsMeterWhateverTheOrderOfAddAndRemove() {
        MetricGroup group = operatorGroup("engagement", "engagement-decode");
        SimpleCounter first = new SimpleCounter();
        first.inc(5);
        SimpleCounter second = new SimpleCounter();
        second.inc(1);
        reporter.notifyOfAddedMetric(first, "deadLetters", group);
        reporter.notifyOfAddedMetric(second, "deadLetters", group);     // new attempt registered first
        reporter.notifyOfRemovedMetric(first, "deadLetters", group);    // then the old one removed
        assertThat(deadLetters()).isEqualTo(1.0);
        second.inc();
        assertThat(deadLetters()).isEqualTo(2.0);
    }

    @Test
    void otherFlinkMetricsAreNotExported() {
        reporter.notifyOfAddedMetric(new SimpleCounter(), "numRecordsIn", new UnregisteredMetricsGroup());
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void camelCaseBecomesPrometheusSnakeCase() {
        assertThat(MicrometerBridgeReporter.snake("deadLetters")).isEqualTo("dead_letters");
        assertThat(MicrometerBridgeReporter.snake("numberOfCompletedCheckpoints"))
                .isEqualTo("number_of_completed_checkpoints");
        assertThat(MicrometerBridgeReporter.snake("rows")).isEqualTo("rows");
    }
}

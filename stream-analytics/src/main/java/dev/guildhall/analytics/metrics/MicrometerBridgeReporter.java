package dev.guildhall.analytics.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Flink metric reporter that exposes selected Flink metrics through the Micrometer registry served on
 * {@code /metrics}: every metric of a {@code guildhall} user group (dead letters, late events, rows written ...) as
 * {@code guildhall_analytics_<name>{job,operator,subtask}}, and the job-level checkpoint / restart metrics as
 * {@code guildhall_analytics_flink_<name>{job}}.
 */
public final class MicrometerBridgeReporter implements MetricReporter {
    static final String PREFIX = "guildhall_analytics_";
    private static final Set<String> JOB_METRICS = Set.of("numRestarts", "numberOfCompletedCheckpoints",
            "numberOfFailedCheckpoints", "lastCheckpointDuration", "lastCheckpointSize", "uptime");

    private final MeterRegistry registry;
    private final Map<Metric, Meter> meters = new ConcurrentHashMap<>();
    /** Which Flink metric currently backs each exported meter (a restarted task re-registers the same id). */
    private final Map<Meter.Id, Metric> owners = new ConcurrentHashMap<>();

    public MicrometerBridgeReporter() {
        this(AnalyticsMetrics.registry());
    }

    MicrometerBridgeReporter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public synchronized void close() {
        owners.keySet().forEach(registry::remove);
        owners.clear();
        meters.clear();
    }

    @Override
    public synchronized void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> vars = group.getAllVariables();
        String identifier = group.getMetricIdentifier(name);
        String job = vars.getOrDefault("<job_name>", "");
        Meter meter = null;
        if (identifier.contains(".guildhall." + name) || identifier.endsWith("guildhall." + name)) {
            String operator = vars.getOrDefault("<operator_name>", vars.getOrDefault("<task_name>", ""));
            Tags tags = Tags.of("job", job, "operator", operator, "subtask", vars.getOrDefault("<subtask_index>", ""));
            meter = register(PREFIX + snake(name), metric, tags);
        } else if (JOB_METRICS.contains(name) && !job.isEmpty() && !vars.containsKey("<task_name>")) {
            meter = register(PREFIX + "flink_" + snake(name), metric, Tags.of("job", job));
        }
        if (meter != null) {
            meters.put(metric, meter);
        }
    }

    private Meter register(String name, Metric metric, Tags tags) {
        if (!(metric instanceof Counter) && !(metric instanceof org.apache.flink.metrics.Gauge<?>)) {
            return null;
        }
        // the same id may still be bound to the metric of a previous task attempt: re-bind it to this one
        Meter previous = registry.find(name).tags(tags).meter();
        if (previous != null) {
            registry.remove(previous.getId());
        }
        Meter meter = metric instanceof Counter c
                ? FunctionCounter.builder(name, c, Counter::getCount).tags(tags).register(registry)
                : Gauge.builder(name, (org.apache.flink.metrics.Gauge<?>) metric, MicrometerBridgeReporter::gaugeValue)
                        .tags(tags).register(registry);
        owners.put(meter.getId(), metric);
        return meter;
    }

    private static double gaugeValue(org.apache.flink.metrics.Gauge<?> g) {
        Object v = g.getValue();
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public synchronized void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        Meter meter = meters.remove(metric);
        if (meter != null && owners.get(meter.getId()) == metric) {
            owners.remove(meter.getId());
            registry.remove(meter.getId());
        }
    }

    /** deadLetters → dead_letters */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}

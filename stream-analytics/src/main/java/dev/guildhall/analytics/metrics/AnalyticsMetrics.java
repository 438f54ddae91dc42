package dev.guildhall.analytics.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process-wide Prometheus registry of the local stream-analytics process. Flink instantiates
 * {@link MicrometerBridgeReporter} itself, so the registry is reached statically.
 */
public final class AnalyticsMetrics {
    private static final PrometheusMeterRegistry REGISTRY = create();

    private AnalyticsMetrics() {
    }

    public static PrometheusMeterRegistry registry() {
        return REGISTRY;
    }

    private static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", "stream-analytics");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }
}

package dev.guildhall.analytics.metrics;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Properties;

/** Registered in META-INF/services; selected with {@code metrics.reporter.guildhall.factory.class}. */
public final class MicrometerBridgeReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new MicrometerBridgeReporter();
    }
}

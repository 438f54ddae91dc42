package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** One Flink job of stream-analytics: a stable name (also its checkpoint sub directory) and its pipeline. */
public interface AnalyticsJob {
    String name();

    /** Adds the job's sources, operators and sinks to {@code env}. */
    void build(StreamExecutionEnvironment env, AnalyticsConfig config);
}

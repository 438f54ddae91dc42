package dev.guildhall.analytics.sink;

import org.apache.flink.metrics.Counter;

/** Counters of one ClickHouse sink writer (metric group {@code guildhall}). */
public record SinkMetrics(Counter rowsWritten, Counter batchesWritten, Counter insertFailures) {
}

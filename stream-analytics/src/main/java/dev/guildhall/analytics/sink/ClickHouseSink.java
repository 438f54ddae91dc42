package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;

import java.time.Duration;

/**
 * Sink V2 into one ClickHouse table: batches by size and time, retries with backoff, flushes on every checkpoint
 * (so a completed checkpoint implies its rows are in ClickHouse). At-least-once; the tables are
 * ReplacingMergeTree on the window key, so a replayed window replaces its row instead of adding one.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private final String jdbcUrl;
    private final ClickHouseTable<T> table;
    private final int batchSize;
    private final Duration flushInterval;
    private final int maxAttempts;
    private final Backoff backoff;

    public ClickHouseSink(AnalyticsConfig config, ClickHouseTable<T> table) {
        this(config.clickhouseUrl(), table,
                config.sinkBatchSize(), config.sinkFlushInterval(), config.sinkMaxAttempts(),
                new Backoff(config.sinkInitialBackoff(), config.sinkMaxBackoff()));
    }

    public ClickHouseSink(String jdbcUrl, ClickHouseTable<T> table, int batchSize,
                          Duration flushInterval, int maxAttempts, Backoff backoff) {
        this.jdbcUrl = jdbcUrl;
        this.table = table;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        MetricGroup metrics = context.metricGroup().addGroup("guildhall");
        SinkMetrics sinkMetrics = new SinkMetrics(metrics.counter("rowsWritten"), metrics.counter("batchesWritten"),
                metrics.counter("insertFailures"));
        BatchInserter<T> inserter = new BatchInserter<>(jdbcUrl, table, maxAttempts, backoff,
                (attempt, error) -> sinkMetrics.insertFailures().inc(), d -> Thread.sleep(d.toMillis()));
        return new ClickHouseSinkWriter<>(inserter, batchSize, flushInterval, context.getProcessingTimeService(),
                sinkMetrics);
    }
}

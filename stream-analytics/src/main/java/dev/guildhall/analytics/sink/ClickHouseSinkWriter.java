package dev.guildhall.analytics.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers rows and writes them when the batch is full, when the flush interval has passed (processing-time timer,
 * run on the task thread), and on {@link #flush(boolean)} which Flink calls before every checkpoint and at the end
 * of input. A failing insert blocks the task while it retries (backpressure) and finally fails it.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private final BatchWriter<T> inserter;
    private final int batchSize;
    private final long flushIntervalMs;
    private final ProcessingTimeService time;
    private final SinkMetrics metrics;
    private List<T> buffer = new ArrayList<>();
    private long lastFlush;
    private boolean closed;

    public ClickHouseSinkWriter(BatchWriter<T> inserter, int batchSize, Duration flushInterval,
                                ProcessingTimeService time, SinkMetrics metrics) {
        this.inserter = inserter;
        this.batchSize = batchSize;
        this.flushIntervalMs = flushInterval.toMillis();
        this.time = time;
        this.metrics = metrics;
        this.lastFlush = time.getCurrentProcessingTime();
        scheduleTimer();
    }

    private void scheduleTimer() {
        time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, this::onTimer);
    }

    private void onTimer(long now) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        if (!buffer.isEmpty() && now - lastFlush >= flushIntervalMs) {
            writeBuffer();
        }
        scheduleTimer();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        buffer.add(element);
        if (buffer.size() >= batchSize) {
            writeBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
    }

    private void writeBuffer() throws IOException, InterruptedException {
        lastFlush = time.getCurrentProcessingTime();
        if (buffer.isEmpty()) {
            return;
        }
        List<T> batch = buffer;
        inserter.insert(batch);
        buffer = new ArrayList<>();
        metrics.rowsWritten().inc(batch.size());
        metrics.batchesWritten().inc();
    }

    /** Rows waiting for the next insert. */
    int buffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        closed = true;
        inserter.close();
    }
}

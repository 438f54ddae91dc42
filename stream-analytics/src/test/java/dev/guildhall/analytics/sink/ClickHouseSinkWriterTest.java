package dev.guildhall.analytics.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseSinkWriterTest {

    /** A manual processing-time clock that fires due timers when advanced. */
    static final class ManualTime implements ProcessingTimeService {
        long now = 1_000;
        final TreeMap<Long, List<ProcessingTimeCallback>> timers = new TreeMap<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
            timers.computeIfAbsent(time, t -> new ArrayList<>()).add(callback);
            return null;
        }

        void advanceTo(long t) throws Exception {
            while (!timers.isEmpty() && timers.firstKey() <= t) {
                var e = timers.pollFirstEntry();
                now = e.getKey();
                for (ProcessingTimeCallback cb : e.getValue()) {
                    cb.onProcessingTime(now);
                }
            }
            now = t;
        }
    }

    static final class RecordingWriter implements BatchWriter<Integer> {
        final List<List<Integer>> batches = new ArrayList<>();
        boolean fail;

        @Override
        public void insert(List<Integer> rows) throws IOException {
            if (fail) {
                throw new IOException("ClickHouse down");
            }
            batches.add(List.copyOf(rows));
        }

        @Override
        public void close() {
        }
    }

    private final ManualTime time = new ManualTime();
    private final RecordingWriter out = new RecordingWriter();
    private final SinkMetrics metrics = new SinkMetrics(new SimpleCounter(), new SimpleCounter(), new SimpleCounter());
    private final ClickHouseSinkWriter<Integer> writer =
            new ClickHouseSinkWriter<>(out, 3, Duration.ofSeconds(2), time, metrics);

    @Test
    void writesFullBatchesAtOnce() throws Exception {
        for (int i = 1; i <= 7; i++) {
            writer.write(i, null);
        }
        assertThat(out.batches).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6));
        assertThat(writer.buffered()).isEqualTo(1);
        assertThat(metrics.rowsWritten().getCount()).isEqualTo(6);
        assertThat(metrics.batchesWritten().getCount()).isEqualTo(2);
    }

    @Test
    void writesAPartialBatchAfterTheFlushInterval() throws Exception {
        writer.write(1, null);
        time.advanceTo(2_500);
        assertThat(out.batches).isEmpty();
        time.advanceTo(3_000);
        assertThat(out.batches).containsExactly(List.of(1));
        writer.write(2, null);
        time.advanceTo(5_000);
        assertThat(out.batches).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void flushBeforeACheckpointWritesEverything() throws Exception {
        writer.write(1, null);
        writer.write(2, null);
        writer.flush(false);
        assertThat(out.batches).containsExactly(List.of(1, 2));
        writer.flush(true);
        assertThat(out.batches).hasSize(1);
    }

    @Test
    void aFailedInsertKeepsTheRowsAndFails() throws Exception {
        writer.write(1, null);
        out.fail = true;
        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class);
        assertThat(writer.buffered()).isEqualTo(1);
        assertThat(metrics.rowsWritten().getCount()).isZero();
        out.fail = false;
        writer.flush(false);
        assertThat(out.batches).containsExactly(List.of(1));
    }
}

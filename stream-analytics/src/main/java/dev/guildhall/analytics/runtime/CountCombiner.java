package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.ingest.JobEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local pre-aggregation chained before a {@code keyBy}: counts events per key (a, b) and tumbling event-time window
 * and emits {@link KeyedCount}s instead of the events, so the window operator behind the shuffle sees one record per
 * key and flush instead of one per event. Holds nothing across a checkpoint and never lets a watermark overtake a
 * count of a window that watermark closes:
 * <ul>
 *   <li>every {@code flushIntervalMs} of processing time (the early-firing interval) everything is emitted;</li>
 *   <li>before a watermark is forwarded, the counts of every window it reaches (window end - 1 ≤ watermark) are emitted,
 *       so the window's final firing includes them;</li>
 *   <li>before each checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at end of input everything is emitted:
 *       the checkpoint's source offsets cover only events whose counts are downstream (exactly once, no state);</li>
 *   <li>when {@code maxEntries} keys are held everything is emitted (bounded memory).</li>
 * </ul>
 * Lateness is judged here, with the window operator's rule (window end - 1 + allowed lateness ≤ watermark) against the
 * last watermark this operator forwarded: an event too late for its window goes raw to {@code late} (one record per
 * event, for {@code late_events}), every other event is counted. The window operator downstream never has a newer
 * watermark than this operator forwarded, and every held count's window is still open at that watermark (counts of
 * windows a watermark reaches are emitted before it), so it drops nothing (docs/decisions.md).
 */
public final class CountCombiner<E extends JobEvent> extends AbstractStreamOperator<KeyedCount>
        implements OneInputStreamOperator<E, KeyedCount> {
    /** The key of an event: two longs. */
    public interface LongField<E> extends Serializable {
        long of(E event);
    }

    private final LongField<E> a;
    private final LongField<E> b;
    private final long windowMs;
    private final long allowedLatenessMs;
    private final long flushIntervalMs;
    private final int maxEntries;
    private final OutputTag<E> late;

    private transient TreeMap<Long, LongPairCounts> windows;   // by window start
    private transient int held;
    private transient long watermark;
    private transient StreamRecord<KeyedCount> reuse;

    /**
     * @param flushIntervalMs processing-time flush interval; 0 = flush only at watermarks, checkpoints and the size
     *                        bound (for windows that emit only when they close)
     */
    public CountCombiner(LongField<E> a, LongField<E> b, long windowMs, long allowedLatenessMs, long flushIntervalMs,
                         int maxEntries, OutputTag<E> late) {
        this.a = a;
        this.b = b;
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.flushIntervalMs = flushIntervalMs;
        this.maxEntries = maxEntries;
        this.late = late;
    }

    @Override
    public void open() throws Exception {
        super.open();
        windows = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        reuse = new StreamRecord<>(null);
        if (flushIntervalMs > 0) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now - now % flushIntervalMs + flushIntervalMs, time -> {
            flushAll();
            scheduleFlush();
        });
    }

    @Override
    public void processElement(StreamRecord<E> element) {
        E event = element.getValue();
        long start = TimeWindow.getWindowStartWithOffset(element.getTimestamp(), 0, windowMs);
        if (isLate(start, windowMs, allowedLatenessMs, watermark)) {
            output.collect(late, element);
            return;
        }
        if (windows.computeIfAbsent(start, s -> new LongPairCounts()).add(a.of(event), b.of(event), 1)
                && ++held >= maxEntries) {
            flushAll();
        }
    }

    /** The window operator's rule: too late when the window's last ms plus the allowed lateness is at or before the watermark. */
    static boolean isLate(long windowStart, long windowMs, long allowedLatenessMs, long watermark) {
        return windowStart + windowMs - 1 + allowedLatenessMs <= watermark;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        Iterator<Map.Entry<Long, LongPairCounts>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, LongPairCounts> w = it.next();
            if (w.getKey() + windowMs - 1 > mark.getTimestamp()) {
                break;   // this window and every later one stay open at this watermark
            }
            emit(w.getKey(), w.getValue());
            it.remove();
        }
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flushAll();
        super.finish();
    }

    private void flushAll() {
        windows.forEach(this::emit);
        windows.clear();
        held = 0;
    }

    private void emit(long start, LongPairCounts counts) {
        counts.forEach((ka, kb, n) -> output.collect(reuse.replace(new KeyedCount(ka, kb, start, n), start)));
        held -= counts.size();
    }

    @Override
    public String toString() {
        return "CountCombiner(" + windowMs + " ms windows, flush every " + flushIntervalMs + " ms)";
    }
}

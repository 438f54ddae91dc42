package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.ingest.JobEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local pre-aggregation chained before a {@code keyBy}: combines events per key and tumbling event-time window into
 * partial results (a table of type {@code T} per window) and emits those instead of the events, so the window
 * operator behind the shuffle sees one record per key and flush instead of one per event. Holds nothing across a
 * checkpoint and never lets a watermark overtake a partial of a window that watermark closes:
 * <ul>
 *   <li>every {@code flushIntervalMs} of processing time (the early-firing interval) everything is emitted;</li>
 *   <li>before a watermark is forwarded, the partials of every window it reaches (window end - 1 ≤ watermark) are
 *       emitted, so the window's final firing includes them;</li>
 *   <li>before each checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at end of input everything is emitted:
 *       the checkpoint's source offsets cover only events whose partials are downstream (exactly once, no state);</li>
 *   <li>when {@code maxKeys} keys are held everything is emitted (bounded memory).</li>
 * </ul>
 * Lateness is judged here, with the window operator's rule (window end - 1 + allowed lateness ≤ watermark) against the
 * last watermark this operator forwarded: an event too late for its window goes raw to {@code late} (one record per
 * event, for {@code late_events}), every other event is combined. The window operator downstream never has a newer
 * watermark than this operator forwarded, and every held partial's window is still open at that watermark (partials
 * of windows a watermark reaches are emitted before it), so it drops nothing (docs/decisions.md). Each partial is
 * emitted with its window's start as timestamp.
 *
 * @param <E> event
 * @param <T> the partial results of one window, by key
 * @param <P> partial result record
 */
public abstract class WindowCombiner<E extends JobEvent, T, P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<E, P> {
    private final long windowMs;
    private final long allowedLatenessMs;
    private final long flushIntervalMs;
    private final int maxKeys;
    private final OutputTag<E> late;

    private transient TreeMap<Long, T> windows;   // by window start
    private transient int held;
    private transient long watermark;
    private transient StreamRecord<P> reuse;

    /**
     * @param flushIntervalMs processing-time flush interval; 0 = flush only at watermarks, checkpoints and the size
     *                        bound (for windows that emit only when they close)
     */
    protected WindowCombiner(long windowMs, long allowedLatenessMs, long flushIntervalMs, int maxKeys,
                             OutputTag<E> late) {
        this.windowMs = windowMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.flushIntervalMs = flushIntervalMs;
        this.maxKeys = maxKeys;
        this.late = late;
    }

    /** An empty table of partial results for one window. */
    protected abstract T newTable();

    /** Combines {@code event} into its key's partial result; true when the key is new in the table. */
    protected abstract boolean combine(T table, E event);

    /** Emits every partial result of the table (through {@link #emitPartial}); returns how many. */
    protected abstract int emitAll(long windowStart, T table);

    protected final void emitPartial(P partial, long windowStart) {
        output.collect(reuse.replace(partial, windowStart));
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
        long start = TimeWindow.getWindowStartWithOffset(element.getTimestamp(), 0, windowMs);
        if (isLate(start, windowMs, allowedLatenessMs, watermark)) {
            output.collect(late, element);
            return;
        }
        if (combine(windows.computeIfAbsent(start, s -> newTable()), element.getValue()) && ++held >= maxKeys) {
            flushAll();
        }
    }

    /** The window operator's rule: too late when the window's last ms plus the allowed lateness is at or before the watermark. */
    static boolean isLate(long windowStart, long windowMs, long allowedLatenessMs, long watermark) {
        return windowStart + windowMs - 1 + allowedLatenessMs <= watermark;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        Iterator<Map.Entry<Long, T>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, T> w = it.next();
            if (w.getKey() + windowMs - 1 > mark.getTimestamp()) {
                break;   // this window and every later one stay open at this watermark
            }
            held -= emitAll(w.getKey(), w.getValue());
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
        windows.forEach(this::emitAll);
        windows.clear();
        held = 0;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + windowMs + " ms windows, flush every " + flushIntervalMs + " ms)";
    }
}

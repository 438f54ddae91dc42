package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.ingest.JobEvent;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;

/**
 * {@link WindowCombiner} that counts events per key (a, b) of two longs, into an allocation-free table per window,
 * and emits {@link KeyedCount}s.
 */
public final class CountCombiner<E extends JobEvent> extends WindowCombiner<E, LongPairCounts, KeyedCount> {
    /** One long of an event's key. */
    public interface LongField<E> extends Serializable {
        long of(E event);
    }

    private final LongField<E> a;
    private final LongField<E> b;

    public CountCombiner(LongField<E> a, LongField<E> b, long windowMs, long allowedLatenessMs, long flushIntervalMs,
                         int maxKeys, OutputTag<E> late) {
        super(windowMs, allowedLatenessMs, flushIntervalMs, maxKeys, late);
        this.a = a;
        this.b = b;
    }

    @Override
    protected LongPairCounts newTable() {
        return new LongPairCounts();
    }

    @Override
    protected boolean combine(LongPairCounts table, E event) {
        return table.add(a.of(event), b.of(event), 1);
    }

    @Override
    protected int emitAll(long windowStart, LongPairCounts table) {
        table.forEach((ka, kb, n) -> emitPartial(new KeyedCount(ka, kb, windowStart, n), windowStart));
        return table.size();
    }
}

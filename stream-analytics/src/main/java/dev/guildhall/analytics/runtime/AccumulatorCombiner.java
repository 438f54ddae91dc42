package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.ingest.JobEvent;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.util.OutputTag;

import java.util.HashMap;

/**
 * {@link WindowCombiner} that adds events into the accumulator of the window's own {@link AggregateFunction} per key
 * and emits (key, window start, accumulator); the window merges them ({@link MergingAggregate}), so its result is the
 * aggregate over the events.
 */
public final class AccumulatorCombiner<E extends JobEvent, K, A>
        extends WindowCombiner<E, HashMap<K, A>, Tuple3<K, Long, A>> {
    private final KeySelector<E, K> key;
    private final AggregateFunction<E, A, ?> aggregate;

    public AccumulatorCombiner(KeySelector<E, K> key, AggregateFunction<E, A, ?> aggregate, long windowMs,
                               long allowedLatenessMs, long flushIntervalMs, int maxKeys, OutputTag<E> late) {
        super(windowMs, allowedLatenessMs, flushIntervalMs, maxKeys, late);
        this.key = key;
        this.aggregate = aggregate;
    }

    @Override
    protected HashMap<K, A> newTable() {
        return new HashMap<>();
    }

    @Override
    protected boolean combine(HashMap<K, A> table, E event) {
        K k;
        try {
            k = key.getKey(event);
        } catch (Exception e) {
            throw new IllegalStateException("key of " + event.eventId(), e);
        }
        A acc = table.get(k);
        boolean isNew = acc == null;
        table.put(k, aggregate.add(event, isNew ? aggregate.createAccumulator() : acc));
        return isNew;
    }

    @Override
    protected int emitAll(long windowStart, HashMap<K, A> table) {
        table.forEach((k, acc) -> emitPartial(Tuple3.of(k, windowStart, acc), windowStart));
        return table.size();
    }
}

package dev.guildhall.analytics.runtime;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * The window side of an {@link AccumulatorCombiner}: merges the combined accumulators (key, window start, accumulator)
 * with the inner aggregate's own {@code merge}, and gives the inner aggregate's result.
 */
public final class MergingAggregate<K, A, R> implements AggregateFunction<Tuple3<K, Long, A>, A, R> {
    private final AggregateFunction<?, A, R> inner;

    public MergingAggregate(AggregateFunction<?, A, R> inner) {
        this.inner = inner;
    }

    @Override
    public A createAccumulator() {
        return inner.createAccumulator();
    }

    @Override
    public A add(Tuple3<K, Long, A> partial, A accumulator) {
        return inner.merge(accumulator, partial.f2);
    }

    @Override
    public R getResult(A accumulator) {
        return inner.getResult(accumulator);
    }

    @Override
    public A merge(A a, A b) {
        return inner.merge(a, b);
    }
}

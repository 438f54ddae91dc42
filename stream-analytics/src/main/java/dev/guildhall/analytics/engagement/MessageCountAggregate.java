package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.runtime.KeyedCount;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums the combined message counts of a window. */
public final class MessageCountAggregate implements AggregateFunction<KeyedCount, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(KeyedCount value, Long accumulator) {
        return accumulator + value.count();
    }

    @Override
    public Long getResult(Long accumulator) {
        return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}

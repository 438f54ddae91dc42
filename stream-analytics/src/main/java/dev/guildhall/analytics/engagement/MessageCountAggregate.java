package dev.guildhall.analytics.engagement;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts the messages of a window. */
public final class MessageCountAggregate implements AggregateFunction<MessageEvent, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(MessageEvent value, Long accumulator) {
        return accumulator + 1;
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

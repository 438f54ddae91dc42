package dev.guildhall.analytics.members;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;

/** Counts a window's joins (f0) and leaves (f1). */
public final class MemberChangeAggregate
        implements AggregateFunction<MemberChange, Tuple2<Long, Long>, Tuple2<Long, Long>> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
        return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(MemberChange value, Tuple2<Long, Long> acc) {
        return value.joined() ? Tuple2.of(acc.f0 + 1, acc.f1) : Tuple2.of(acc.f0, acc.f1 + 1);
    }

    @Override
    public Tuple2<Long, Long> getResult(Tuple2<Long, Long> acc) {
        return acc;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
        return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
    }
}

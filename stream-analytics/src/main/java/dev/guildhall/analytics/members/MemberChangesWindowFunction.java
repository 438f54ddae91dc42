package dev.guildhall.analytics.members;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a guild's day window (joins, leaves) into a {@link MemberChangesRow}. */
public final class MemberChangesWindowFunction
        extends ProcessWindowFunction<Tuple2<Long, Long>, MemberChangesRow, Long, TimeWindow> {

    @Override
    public void process(Long guildId, Context context, Iterable<Tuple2<Long, Long>> counts,
                        Collector<MemberChangesRow> out) {
        long joins = 0;
        long leaves = 0;
        for (Tuple2<Long, Long> c : counts) {
            joins += c.f0;
            leaves += c.f1;
        }
        out.collect(row(guildId, context.window().getStart(), joins, leaves, System.currentTimeMillis()));
    }

    static MemberChangesRow row(long guildId, long dayStart, long joins, long leaves, long version) {
        return new MemberChangesRow(guildId, dayStart, joins, leaves, version);
    }
}

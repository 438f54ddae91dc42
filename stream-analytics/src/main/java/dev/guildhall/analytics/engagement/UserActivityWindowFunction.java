package dev.guildhall.analytics.engagement;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a day window's count for a (guild, author) key into a {@link UserActivityRow}. */
public final class UserActivityWindowFunction
        extends ProcessWindowFunction<Long, UserActivityRow, Tuple2<Long, Long>, TimeWindow> {

    @Override
    public void process(Tuple2<Long, Long> key, Context context, Iterable<Long> counts,
                        Collector<UserActivityRow> out) {
        long total = 0;
        for (Long c : counts) {
            total += c;
        }
        out.collect(row(key, context.window().getStart(), total, System.currentTimeMillis()));
    }

    static UserActivityRow row(Tuple2<Long, Long> key, long dayStart, long messages, long version) {
        return new UserActivityRow(key.f0, key.f1, dayStart, messages, version);
    }
}

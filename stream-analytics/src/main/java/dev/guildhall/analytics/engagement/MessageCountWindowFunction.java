package dev.guildhall.analytics.engagement;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's count into a {@link MessageCountRow} for its (guild, channel) key and minute. */
public final class MessageCountWindowFunction
        extends ProcessWindowFunction<Long, MessageCountRow, Tuple2<Long, Long>, TimeWindow> {

    @Override
    public void process(Tuple2<Long, Long> key, Context context, Iterable<Long> counts, Collector<MessageCountRow> out) {
        long total = 0;
        for (Long c : counts) {
            total += c;
        }
        out.collect(row(key, context.window().getStart(), total, System.currentTimeMillis()));
    }

    static MessageCountRow row(Tuple2<Long, Long> key, long windowStart, long messages, long version) {
        return new MessageCountRow(key.f0, key.f1, windowStart, messages, version);
    }
}

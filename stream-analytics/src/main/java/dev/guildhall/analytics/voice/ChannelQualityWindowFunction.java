package dev.guildhall.analytics.voice;

import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Adds the (region, voice server, guild, channel) key, the minute and the version to a window's result. */
public final class ChannelQualityWindowFunction extends
        ProcessWindowFunction<MinuteQuality, ChannelQualityRow, Tuple4<String, String, Long, Long>, TimeWindow> {

    @Override
    public void process(Tuple4<String, String, Long, Long> key, Context context, Iterable<MinuteQuality> results,
                        Collector<ChannelQualityRow> out) {
        for (MinuteQuality q : results) {
            out.collect(new ChannelQualityRow(key.f0, key.f1, key.f2, key.f3, context.window().getStart(), q,
                    System.currentTimeMillis()));
        }
    }
}

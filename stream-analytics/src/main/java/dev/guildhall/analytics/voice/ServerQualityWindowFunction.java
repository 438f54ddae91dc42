package dev.guildhall.analytics.voice;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Adds the (region, voice server) key, the minute and the version to a window's result. */
public final class ServerQualityWindowFunction
        extends ProcessWindowFunction<MinuteQuality, ServerQualityRow, Tuple2<String, String>, TimeWindow> {

    @Override
    public void process(Tuple2<String, String> key, Context context, Iterable<MinuteQuality> results,
                        Collector<ServerQualityRow> out) {
        for (MinuteQuality q : results) {
            out.collect(new ServerQualityRow(key.f0, key.f1, context.window().getStart(), q,
                    System.currentTimeMillis()));
        }
    }
}

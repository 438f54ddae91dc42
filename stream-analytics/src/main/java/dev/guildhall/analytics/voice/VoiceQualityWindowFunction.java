package dev.guildhall.analytics.voice;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Adds the (region, voice server) key, the minute and the version to a window's {@link VoiceQualityStats}. */
public final class VoiceQualityWindowFunction
        extends ProcessWindowFunction<VoiceQualityStats, VoiceQualityRow, Tuple2<String, String>, TimeWindow> {

    @Override
    public void process(Tuple2<String, String> key, Context context, Iterable<VoiceQualityStats> stats,
                        Collector<VoiceQualityRow> out) {
        for (VoiceQualityStats s : stats) {
            out.collect(row(key, context.window().getStart(), s, System.currentTimeMillis()));
        }
    }

    static VoiceQualityRow row(Tuple2<String, String> key, long windowStart, VoiceQualityStats s, long version) {
        return new VoiceQualityRow(key.f0, key.f1, windowStart, s.samples(), s.jitterP50Ms(), s.jitterP95Ms(),
                s.lossRatio(), version);
    }
}

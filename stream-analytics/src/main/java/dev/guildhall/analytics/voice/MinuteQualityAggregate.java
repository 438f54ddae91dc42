package dev.guildhall.analytics.voice;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Collects a window's samples into a {@link MinuteQualityAccumulator}. */
public final class MinuteQualityAggregate
        implements AggregateFunction<VoiceSample, MinuteQualityAccumulator, MinuteQuality> {
    @Override
    public MinuteQualityAccumulator createAccumulator() {
        return new MinuteQualityAccumulator();
    }

    @Override
    public MinuteQualityAccumulator add(VoiceSample value, MinuteQualityAccumulator acc) {
        acc.add(value);
        return acc;
    }

    @Override
    public MinuteQuality getResult(MinuteQualityAccumulator acc) {
        return acc.result();
    }

    @Override
    public MinuteQualityAccumulator merge(MinuteQualityAccumulator a, MinuteQualityAccumulator b) {
        a.addAll(b);
        return a;
    }
}

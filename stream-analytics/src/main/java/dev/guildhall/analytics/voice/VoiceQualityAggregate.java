package dev.guildhall.analytics.voice;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Collects a window's samples into a {@link VoiceQualityAccumulator}. */
public final class VoiceQualityAggregate
        implements AggregateFunction<VoiceSample, VoiceQualityAccumulator, VoiceQualityStats> {
    @Override
    public VoiceQualityAccumulator createAccumulator() {
        return new VoiceQualityAccumulator();
    }

    @Override
    public VoiceQualityAccumulator add(VoiceSample value, VoiceQualityAccumulator acc) {
        acc.add(value);
        return acc;
    }

    @Override
    public VoiceQualityStats getResult(VoiceQualityAccumulator acc) {
        return acc.stats();
    }

    @Override
    public VoiceQualityAccumulator merge(VoiceQualityAccumulator a, VoiceQualityAccumulator b) {
        a.addAll(b);
        return a;
    }
}

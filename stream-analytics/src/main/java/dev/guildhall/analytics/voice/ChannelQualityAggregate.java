package dev.guildhall.analytics.voice;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Collects a window's samples into a {@link ChannelQualityAccumulator}. */
public final class ChannelQualityAggregate
        implements AggregateFunction<VoiceSample, ChannelQualityAccumulator, ChannelQuality> {
    @Override
    public ChannelQualityAccumulator createAccumulator() {
        return new ChannelQualityAccumulator();
    }

    @Override
    public ChannelQualityAccumulator add(VoiceSample value, ChannelQualityAccumulator acc) {
        acc.add(value);
        return acc;
    }

    @Override
    public ChannelQuality getResult(ChannelQualityAccumulator acc) {
        return acc.result();
    }

    @Override
    public ChannelQualityAccumulator merge(ChannelQualityAccumulator a, ChannelQualityAccumulator b) {
        a.addAll(b);
        return a;
    }
}

package dev.guildhall.analytics.voice;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple4;

/** Key of the per-channel minute: (region, voice server, guild, channel). */
final class ChannelKey implements KeySelector<VoiceSample, Tuple4<String, String, Long, Long>> {
    @Override
    public Tuple4<String, String, Long, Long> getKey(VoiceSample s) {
        return Tuple4.of(s.region(), s.voiceServer(), s.guildId(), s.channelId());
    }
}

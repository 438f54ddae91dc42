package dev.guildhall.analytics.voice;

/**
 * One row for {@code voice_quality_channel_1m} (written through {@code voice_quality_channel_1m_input});
 * {@code minute} is the window start in epoch ms, {@code version} the epoch ms at which the row was computed.
 */
public record ChannelQualityRow(String region, String voiceServer, long guildId, long channelId, long minute,
                                MinuteQuality quality, long version) {
}

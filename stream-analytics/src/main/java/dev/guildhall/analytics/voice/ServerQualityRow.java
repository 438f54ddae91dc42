package dev.guildhall.analytics.voice;

/**
 * One row for {@code voice_quality_server_1m} (written through {@code voice_quality_server_1m_input}): the minute of
 * a whole voice server, the roll-up the SRE time series read; {@code minute} is the window start in epoch ms,
 * {@code version} the epoch ms at which the row was computed.
 */
public record ServerQualityRow(String region, String voiceServer, long minute, MinuteQuality quality, long version) {
}

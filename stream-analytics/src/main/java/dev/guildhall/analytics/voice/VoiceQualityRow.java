package dev.guildhall.analytics.voice;

/** One row of {@code voice_quality_1m}; {@code minute} is the window start in epoch ms. */
public record VoiceQualityRow(String region, String voiceServer, long minute, long samples, double jitterP50Ms,
                              double jitterP95Ms, double lossRatio, long version) {
}

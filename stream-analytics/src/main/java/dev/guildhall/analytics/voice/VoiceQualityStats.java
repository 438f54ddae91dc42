package dev.guildhall.analytics.voice;

/** The aggregate of one window: sample count, jitter p50 / p95 (ms) and loss ratio = sum(lost) / sum(expected). */
public record VoiceQualityStats(long samples, double jitterP50Ms, double jitterP95Ms, double lossRatio) {
}

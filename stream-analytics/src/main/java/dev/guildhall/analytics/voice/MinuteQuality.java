package dev.guildhall.analytics.voice;

/**
 * One minute of voice quality of a channel or a voice server: every RTT and jitter value (sorted ascending; samples
 * without RTT are left out of {@code rttMs}) and the sums behind loss, late, MOS and bitrate.
 */
public record MinuteQuality(long samples, double[] rttMs, double[] jitterMs, long packetsExpected, long packetsLost,
                             long packetsLate, long mosSamples, double mosSum, long bitrateSamples,
                             double bitrateSum) {
}

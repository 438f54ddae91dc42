package dev.guildhall.analytics.voice;

import java.util.Arrays;

/**
 * Window state of the voice-quality job: every jitter value of the window (exact percentiles; one stream sends a
 * sample per 5 s, so a minute holds 12 per stream) and the packet sums. A Flink POJO.
 */
public class VoiceQualityAccumulator {
    public long samples;
    public double[] jitterMs = new double[16];
    public long packetsLost;
    public long packetsExpected;

    public VoiceQualityAccumulator() {
    }

    public void add(VoiceSample s) {
        if (samples == jitterMs.length) {
            jitterMs = Arrays.copyOf(jitterMs, jitterMs.length * 2);
        }
        jitterMs[(int) samples] = s.jitterMs();
        samples++;
        packetsLost += s.packetsLost();
        packetsExpected += s.packetsExpected();
    }

    public void addAll(VoiceQualityAccumulator other) {
        if (samples + other.samples > jitterMs.length) {
            jitterMs = Arrays.copyOf(jitterMs, (int) Math.max(jitterMs.length * 2L, samples + other.samples));
        }
        System.arraycopy(other.jitterMs, 0, jitterMs, (int) samples, (int) other.samples);
        samples += other.samples;
        packetsLost += other.packetsLost;
        packetsExpected += other.packetsExpected;
    }

    public VoiceQualityStats stats() {
        int n = (int) samples;
        double lossRatio = packetsExpected == 0 ? 0.0 : (double) packetsLost / packetsExpected;
        return new VoiceQualityStats(samples, Percentiles.of(jitterMs, n, 0.50), Percentiles.of(jitterMs, n, 0.95),
                lossRatio);
    }
}

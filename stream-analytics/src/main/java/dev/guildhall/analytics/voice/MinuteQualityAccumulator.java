package dev.guildhall.analytics.voice;

import java.util.Arrays;

/**
 * Window state of a voice-quality minute (per channel or per voice server): every RTT and jitter value of the window
 * (the digests are built from them in ClickHouse) and the sums. A Flink POJO.
 */
public class MinuteQualityAccumulator {
    public long samples;
    public double[] jitterMs = new double[8];
    public int rttCount;
    public double[] rttMs = new double[8];
    public long packetsExpected;
    public long packetsLost;
    public long packetsLate;
    public long mosSamples;
    public double mosSum;
    public long bitrateSamples;
    public double bitrateSum;

    public MinuteQualityAccumulator() {
    }

    public void add(VoiceSample s) {
        jitterMs = append(jitterMs, (int) samples, s.jitterMs());
        samples++;
        if (s.rttMs() != null) {
            rttMs = append(rttMs, rttCount, s.rttMs());
            rttCount++;
        }
        packetsExpected += s.packetsExpected();
        packetsLost += s.packetsLost();
        if (s.packetsLate() != null) {
            packetsLate += s.packetsLate();
        }
        if (s.mos() != null) {
            mosSamples++;
            mosSum += s.mos();
        }
        if (s.bitrateKbps() != null) {
            bitrateSamples++;
            bitrateSum += s.bitrateKbps();
        }
    }

    public void addAll(MinuteQualityAccumulator other) {
        for (int i = 0; i < other.samples; i++) {
            jitterMs = append(jitterMs, (int) samples + i, other.jitterMs[i]);
        }
        samples += other.samples;
        for (int i = 0; i < other.rttCount; i++) {
            rttMs = append(rttMs, rttCount + i, other.rttMs[i]);
        }
        rttCount += other.rttCount;
        packetsExpected += other.packetsExpected;
        packetsLost += other.packetsLost;
        packetsLate += other.packetsLate;
        mosSamples += other.mosSamples;
        mosSum += other.mosSum;
        bitrateSamples += other.bitrateSamples;
        bitrateSum += other.bitrateSum;
    }

    /** The window's result: values sorted, so equal windows give equal rows (and equal digests). */
    public MinuteQuality result() {
        double[] jitter = Arrays.copyOf(jitterMs, (int) samples);
        double[] rtt = Arrays.copyOf(rttMs, rttCount);
        Arrays.sort(jitter);
        Arrays.sort(rtt);
        return new MinuteQuality(samples, rtt, jitter, packetsExpected, packetsLost, packetsLate, mosSamples, mosSum,
                bitrateSamples, bitrateSum);
    }

    private static double[] append(double[] values, int at, double value) {
        double[] target = at < values.length ? values : Arrays.copyOf(values, Math.max(8, values.length * 2));
        target[at] = value;
        return target;
    }
}

package dev.guildhall.analytics.voice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MinuteQualityAccumulatorTest {
    private static VoiceSample sample(double jitter, Double rtt, Long late, Double bitrate, Double mos, long lost) {
        return new VoiceSample("e", "eu", "vs-1", 5, 10, 100, 7, 1_000, 5000, 250, 250 - lost, lost, jitter, rtt, late,
                bitrate, mos);
    }

    @Test
    void sumsAndSortedValuesLeavingOutWhatASampleDidNotMeasure() {
        MinuteQualityAggregate agg = new MinuteQualityAggregate();
        MinuteQualityAccumulator acc = agg.createAccumulator();
        agg.add(sample(9, 80.0, 2L, 32.0, 4.0, 3), acc);
        agg.add(sample(1, null, null, null, null, 0), acc);       // a version-1 sample
        agg.add(sample(5, 20.0, 0L, 30.0, 3.0, 1), acc);
        MinuteQuality q = agg.getResult(acc);
        assertThat(q.samples()).isEqualTo(3);
        assertThat(q.jitterMs()).containsExactly(1, 5, 9);
        assertThat(q.rttMs()).containsExactly(20, 80);
        assertThat(q.packetsExpected()).isEqualTo(750);
        assertThat(q.packetsLost()).isEqualTo(4);
        assertThat(q.packetsLate()).isEqualTo(2);
        assertThat(q.mosSamples()).isEqualTo(2);
        assertThat(q.mosSum()).isCloseTo(7.0, within(1e-12));
        assertThat(q.bitrateSamples()).isEqualTo(2);
        assertThat(q.bitrateSum()).isCloseTo(62.0, within(1e-12));
    }

    @Test
    void growsAndMergesIntoTheSameResultInAnyOrder() {
        MinuteQualityAggregate agg = new MinuteQualityAggregate();
        MinuteQualityAccumulator a = agg.createAccumulator();
        MinuteQualityAccumulator b = agg.createAccumulator();
        MinuteQualityAccumulator all = agg.createAccumulator();
        for (int i = 0; i < 50; i++) {
            VoiceSample s = sample(50 - i, i % 3 == 0 ? null : (double) i, (long) i, null, 2.0 + i % 2, i % 4);
            agg.add(s, i % 2 == 0 ? a : b);
            agg.add(s, all);
        }
        MinuteQuality merged = agg.getResult(agg.merge(b, a));
        MinuteQuality direct = agg.getResult(all);
        assertThat(merged.samples()).isEqualTo(50);
        assertThat(merged.jitterMs()).containsExactly(direct.jitterMs());
        assertThat(merged.rttMs()).containsExactly(direct.rttMs()).hasSize(33);
        assertThat(merged.packetsLost()).isEqualTo(direct.packetsLost());
        assertThat(merged.packetsLate()).isEqualTo(direct.packetsLate());
        assertThat(merged.mosSum()).isCloseTo(direct.mosSum(), within(1e-9));
        assertThat(merged.bitrateSamples()).isZero();
    }
}

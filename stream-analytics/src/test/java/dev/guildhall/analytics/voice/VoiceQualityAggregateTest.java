package dev.guildhall.analytics.voice;

import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VoiceQualityAggregateTest {
    private static VoiceSample sample(double jitter, long lost, long expected) {
        return new VoiceSample("e", "eu", "v1", 900, 1001, 2002, 7, 1_000, 5000, expected, expected - lost, lost, jitter,
                null, null, null, null);
    }

    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        double[] v = {50, 10, 40, 20, 30};
        assertThat(Percentiles.of(v, 5, 0.50)).isEqualTo(30.0);
        assertThat(Percentiles.of(v, 5, 0.95)).isEqualTo(48.0, within(1e-9));  // 40 + 0.8 * 10
        assertThat(Percentiles.of(v, 5, 0.0)).isEqualTo(10.0);
        assertThat(Percentiles.of(v, 5, 1.0)).isEqualTo(50.0);
        assertThat(Percentiles.of(new double[]{7}, 1, 0.95)).isEqualTo(7.0);
        assertThat(Percentiles.of(new double[]{1, 2, 3, 4}, 4, 0.5)).isEqualTo(2.5);
        assertThat(Percentiles.of(new double[0], 0, 0.5)).isNaN();
        assertThat(v).containsExactly(50, 10, 40, 20, 30); // input untouched
    }

    @Test
    void windowStatsAreExact() {
        VoiceQualityAggregate agg = new VoiceQualityAggregate();
        VoiceQualityAccumulator acc = agg.createAccumulator();
        acc = agg.add(sample(10, 2, 250), acc);
        acc = agg.add(sample(20, 0, 250), acc);
        acc = agg.add(sample(30, 5, 250), acc);
        acc = agg.add(sample(40, 3, 250), acc);
        acc = agg.add(sample(50, 0, 0), acc);
        VoiceQualityStats s = agg.getResult(acc);
        assertThat(s.samples()).isEqualTo(5);
        assertThat(s.jitterP50Ms()).isEqualTo(30.0);
        assertThat(s.jitterP95Ms()).isEqualTo(48.0, within(1e-9));
        assertThat(s.lossRatio()).isEqualTo(10.0 / 1000.0);
    }

    @Test
    void lossRatioIsZeroWhenNothingWasExpected() {
        VoiceQualityAggregate agg = new VoiceQualityAggregate();
        VoiceQualityStats s = agg.getResult(agg.add(sample(4, 0, 0), agg.createAccumulator()));
        assertThat(s.lossRatio()).isZero();
        assertThat(s.jitterP50Ms()).isEqualTo(4.0);
    }

    @Test
    void growsBeyondItsInitialCapacityAndMerges() {
        VoiceQualityAggregate agg = new VoiceQualityAggregate();
        VoiceQualityAccumulator a = agg.createAccumulator();
        VoiceQualityAccumulator b = agg.createAccumulator();
        for (int i = 1; i <= 60; i++) {
            agg.add(sample(i, 1, 100), i % 2 == 0 ? a : b);
        }
        VoiceQualityStats s = agg.getResult(agg.merge(a, b));
        assertThat(s.samples()).isEqualTo(60);
        assertThat(s.jitterP50Ms()).isEqualTo(30.5);                    // h = 29.5 over 1..60
        assertThat(s.jitterP95Ms()).isEqualTo(57.05, within(1e-9));     // h = 56.05
        assertThat(s.lossRatio()).isEqualTo(0.01);
    }

    @Test
    void rowCarriesKeyMinuteAndVersion() {
        VoiceQualityRow row = VoiceQualityWindowFunction.row(Tuple2.of("eu", "v1"), 120_000,
                new VoiceQualityStats(3, 1.5, 2.5, 0.25), 99);
        assertThat(row).isEqualTo(new VoiceQualityRow("eu", "v1", 120_000, 3, 1.5, 2.5, 0.25, 99));
    }
}

package dev.guildhall.monitor.slo;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JitterHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new JitterHistogram().quantile(0.95)).isZero();
    }

    @Test
    void singleValueIsExact() {
        JitterHistogram h = new JitterHistogram();
        h.add(31.3);
        assertThat(h.quantile(0.95)).isEqualTo(31.3);
        assertThat(h.quantile(0.5)).isEqualTo(31.3);
    }

    @Test
    void quantilesOfAUniformSpreadAreWithinHalfABucket() {
        JitterHistogram h = new JitterHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.add(i * 0.04); // 0.04 .. 40 ms
        }
        assertThat(h.quantile(0.95)).isCloseTo(38.0, within(0.25));
        assertThat(h.quantile(0.50)).isCloseTo(20.0, within(0.25));
        assertThat(h.quantile(1.0)).isEqualTo(40.0);
    }

    @Test
    void quantilesMatchASortedArrayOnRandomData() {
        Random random = new Random(7);
        double[] values = new double[5000];
        JitterHistogram h = new JitterHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(random.nextGaussian()) * 25;
            h.add(values[i]);
        }
        java.util.Arrays.sort(values);
        double exact = values[(int) Math.ceil(0.95 * values.length) - 1];
        assertThat(h.quantile(0.95)).isCloseTo(exact, within(exact < 50 ? 0.5 : 2.0));
    }

    @Test
    void largeValuesLandInCoarserBucketsAndOverflow() {
        assertThat(JitterHistogram.bucketOf(0)).isZero();
        assertThat(JitterHistogram.bucketOf(49.99)).isEqualTo(99);
        assertThat(JitterHistogram.bucketOf(50)).isEqualTo(100);
        assertThat(JitterHistogram.bucketOf(249.9)).isEqualTo(199);
        assertThat(JitterHistogram.bucketOf(250)).isEqualTo(200);
        assertThat(JitterHistogram.bucketOf(999)).isEqualTo(274);
        assertThat(JitterHistogram.bucketOf(5000)).isEqualTo(275);
        JitterHistogram h = new JitterHistogram();
        h.add(5000);
        h.add(3000);
        assertThat(h.quantile(0.95)).isBetween(3000.0, 5000.0);
    }

    @Test
    void rejectsNegativeAndNonFiniteValues() {
        JitterHistogram h = new JitterHistogram();
        assertThatThrownBy(() -> h.add(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aggregateRoundTripsThroughItsSerdeCompactly() {
        QualityWindowAggregate aggregate = new QualityWindowAggregate();
        for (int i = 0; i < 500; i++) {
            aggregate.add(new QualityPoint(5 + (i % 20), i % 3, 250));
        }
        byte[] bytes = QualityWindowAggregate.serde().serializer().serialize("t", aggregate);
        assertThat(bytes.length).isLessThan(500); // 40 non-empty buckets, not 500 values
        QualityWindowAggregate back = QualityWindowAggregate.serde().deserializer().deserialize("t", bytes);
        assertThat(back.samples()).isEqualTo(500);
        assertThat(back.expected()).isEqualTo(500 * 250);
        assertThat(back.lost()).isEqualTo(aggregate.lost());
        assertThat(back.lossRatio()).isEqualTo(aggregate.lossRatio());
        assertThat(back.jitterP95Ms()).isEqualTo(aggregate.jitterP95Ms());
        assertThat(back.jitterP50Ms()).isEqualTo(aggregate.jitterP50Ms());
    }

    @Test
    void corruptStateIsRejected() {
        ByteBuffer bad = ByteBuffer.allocate(1 + 24 + 2 + 16 + 10);
        bad.put((byte) 1).putLong(1).putLong(0).putLong(1).putShort((short) 1).putDouble(0).putDouble(0)
                .putShort((short) 9999).putLong(1);
        assertThatThrownBy(() -> QualityWindowAggregate.fromBytes(bad.array()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

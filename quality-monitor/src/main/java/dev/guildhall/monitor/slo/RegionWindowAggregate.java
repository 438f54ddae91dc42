package dev.guildhall.monitor.slo;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * What the monitor keeps per region and window: the number of voice.quality samples, a jitter histogram, and the
 * sums of lost and expected packets (so loss ratio = sum(lost) / sum(expected), like ClickHouse's voice_quality_1m).
 */
public final class RegionWindowAggregate {
    private static final byte FORMAT = 1;

    private long samples;
    private long lost;
    private long expected;
    private final JitterHistogram jitter;

    public RegionWindowAggregate() {
        this(0, 0, 0, new JitterHistogram());
    }

    private RegionWindowAggregate(long samples, long lost, long expected, JitterHistogram jitter) {
        this.samples = samples;
        this.lost = lost;
        this.expected = expected;
        this.jitter = jitter;
    }

    public RegionWindowAggregate add(QualityPoint point) {
        samples++;
        lost += point.lost();
        expected += point.expected();
        jitter.add(point.jitterMs());
        return this;
    }

    public long samples() {
        return samples;
    }

    public long lost() {
        return lost;
    }

    public long expected() {
        return expected;
    }

    public double lossRatio() {
        return expected == 0 ? 0 : (double) lost / expected;
    }

    public double jitterP95Ms() {
        return jitter.quantile(0.95);
    }

    public double jitterP50Ms() {
        return jitter.quantile(0.50);
    }

    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(1 + 24 + jitter.serializedSize());
        out.put(FORMAT).putLong(samples).putLong(lost).putLong(expected);
        jitter.writeTo(out);
        return out.array();
    }

    static RegionWindowAggregate fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown aggregate format " + format);
        }
        long samples = in.getLong();
        long lost = in.getLong();
        long expected = in.getLong();
        return new RegionWindowAggregate(samples, lost, expected, JitterHistogram.readFrom(in));
    }

    public static Serde<RegionWindowAggregate> serde() {
        Serializer<RegionWindowAggregate> serializer = (topic, value) -> value == null ? null : value.toBytes();
        Deserializer<RegionWindowAggregate> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

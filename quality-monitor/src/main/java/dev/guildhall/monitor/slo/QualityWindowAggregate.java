package dev.guildhall.monitor.slo;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * What the monitor keeps per scope (region or voice server) and window: the number of voice.quality samples, a
 * jitter histogram, an RTT histogram (of the samples that carried an RTT), and the sums of lost and expected packets
 * (so loss ratio = sum(lost) / sum(expected), like ClickHouse's voice_quality_1m).
 */
public final class QualityWindowAggregate {
    private static final byte FORMAT = 2;

    private long samples;
    private long lost;
    private long expected;
    private final JitterHistogram jitter;
    private final JitterHistogram rtt;

    public QualityWindowAggregate() {
        this(0, 0, 0, new JitterHistogram(), new JitterHistogram());
    }

    private QualityWindowAggregate(long samples, long lost, long expected, JitterHistogram jitter,
                                   JitterHistogram rtt) {
        this.samples = samples;
        this.lost = lost;
        this.expected = expected;
        this.jitter = jitter;
        this.rtt = rtt;
    }

    public QualityWindowAggregate add(QualityPoint point) {
        samples++;
        lost += point.lost();
        expected += point.expected();
        jitter.add(point.jitterMs());
        if (point.hasRtt()) {
            rtt.add(point.rttMs());
        }
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

    /** Samples that carried an RTT. */
    public long rttSamples() {
        return rtt.count();
    }

    /** p95 RTT, null when no sample of the window carried one. */
    public Double rttP95Ms() {
        return rtt.count() == 0 ? null : rtt.quantile(0.95);
    }

    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(1 + 24 + jitter.serializedSize() + rtt.serializedSize());
        out.put(FORMAT).putLong(samples).putLong(lost).putLong(expected);
        jitter.writeTo(out);
        rtt.writeTo(out);
        return out.array();
    }

    static QualityWindowAggregate fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != 1 && format != FORMAT) {
            throw new IllegalArgumentException("unknown aggregate format " + format);
        }
        long samples = in.getLong();
        long lost = in.getLong();
        long expected = in.getLong();
        JitterHistogram jitter = JitterHistogram.readFrom(in);
        JitterHistogram rtt = format == 1 ? new JitterHistogram() : JitterHistogram.readFrom(in);
        return new QualityWindowAggregate(samples, lost, expected, jitter, rtt);
    }

    public static Serde<QualityWindowAggregate> serde() {
        Serializer<QualityWindowAggregate> serializer = (topic, value) -> value == null ? null : value.toBytes();
        Deserializer<QualityWindowAggregate> deserializer = (topic, bytes) -> bytes == null ? null
                : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

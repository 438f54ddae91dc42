package dev.guildhall.monitor.slo;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * The part of a voice.quality sample the SLO needs, as it travels through the repartition topic (32 bytes).
 *
 * @param jitterMs the stream's interarrival jitter at the end of the sample interval
 * @param lost     packets lost in the interval
 * @param expected packets expected in the interval
 * @param rttMs    round-trip time, NaN when the sample had none
 */
public record QualityPoint(double jitterMs, long lost, long expected, double rttMs) {

    public QualityPoint(double jitterMs, long lost, long expected) {
        this(jitterMs, lost, expected, Double.NaN);
    }

    public boolean hasRtt() {
        return !Double.isNaN(rttMs);
    }

    public static Serde<QualityPoint> serde() {
        Serializer<QualityPoint> serializer = (topic, p) -> p == null ? null
                : ByteBuffer.allocate(32).putDouble(p.jitterMs).putLong(p.lost).putLong(p.expected)
                .putDouble(p.rttMs).array();
        Deserializer<QualityPoint> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            return new QualityPoint(in.getDouble(), in.getLong(), in.getLong(),
                    in.remaining() >= 8 ? in.getDouble() : Double.NaN);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

package dev.guildhall.monitor.slo;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * The part of a voice.quality sample the SLO needs, as it travels through the repartition topic (24 bytes).
 *
 * @param jitterMs the stream's interarrival jitter at the end of the sample interval
 * @param lost     packets lost in the interval
 * @param expected packets expected in the interval
 */
public record QualityPoint(double jitterMs, long lost, long expected) {

    public static Serde<QualityPoint> serde() {
        Serializer<QualityPoint> serializer = (topic, p) -> p == null ? null
                : ByteBuffer.allocate(24).putDouble(p.jitterMs).putLong(p.lost).putLong(p.expected).array();
        Deserializer<QualityPoint> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            return new QualityPoint(in.getDouble(), in.getLong(), in.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

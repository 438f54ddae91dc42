package dev.guildhall.monitor.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.events.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the health processor consumes, keyed by voice server id in its repartition topic: a closed window of the
 * server's quality samples, or one of its heartbeats.
 *
 * @param kind           {@link #WINDOW} or {@link #HEARTBEAT}
 * @param at             window end, or the heartbeat's timestamp (epoch ms)
 * @param heartbeatState the heartbeat's state ("running", "stopping"); null for a window
 */
public record HealthInput(String kind, String voiceServer, String region, long at, String heartbeatState,
                          long windowStart, long samples, Double rttP95Ms, Double jitterP95Ms, Double lossRatio) {
    public static final String WINDOW = "window";
    public static final String HEARTBEAT = "heartbeat";

    public static HealthInput window(String voiceServer, String region, long start, long end, long samples,
                                     Double rtt, Double jitter, Double loss) {
        return new HealthInput(WINDOW, voiceServer, region, end, null, start, samples, rtt, jitter, loss);
    }

    public static HealthInput heartbeat(String voiceServer, String region, long at, String state) {
        return new HealthInput(HEARTBEAT, voiceServer, region, at, state, 0, 0, null, null, null);
    }

    public static Serde<HealthInput> serde() {
        ObjectMapper json = EventCodec.mapper();
        Serializer<HealthInput> serializer = (topic, v) -> {
            try {
                return v == null ? null : json.writeValueAsBytes(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<HealthInput> deserializer = (topic, bytes) -> {
            try {
                return bytes == null ? null : json.readValue(bytes, HealthInput.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

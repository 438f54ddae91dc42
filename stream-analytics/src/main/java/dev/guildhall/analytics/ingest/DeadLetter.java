package dev.guildhall.analytics.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.events.EventCodec;

import java.nio.charset.StandardCharsets;

/**
 * A Kafka record that could not be used, with the reason. Written to {@code guildhall.dead-letter} as JSON:
 * {@code {"reason","source_topic","partition","offset","key","value","job"}} (value as UTF-8 text).
 */
public record DeadLetter(String job, String sourceTopic, int partition, long offset, String key, String value,
                         String reason) {

    public static DeadLetter of(String job, String topic, int partition, long offset, byte[] key, byte[] value,
                                String reason) {
        return new DeadLetter(job, topic, partition, offset, text(key), text(value),
                reason == null ? "unknown" : reason);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        ObjectNode node = EventCodec.mapper().createObjectNode();
        node.put("reason", reason);
        node.put("job", job);
        node.put("source_topic", sourceTopic);
        node.put("partition", partition);
        node.put("offset", offset);
        node.put("key", key);
        node.put("value", value);
        try {
            return EventCodec.mapper().writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode dead letter", e);
        }
    }
}

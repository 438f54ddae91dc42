package dev.guildhall.analytics.automod;

import dev.guildhall.events.EventCodec;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Verdicts to Kafka as {@code automod.verdict} envelopes, key = guild id (as every event of the contract). */
public final class VerdictSerializer implements KafkaRecordSerializationSchema<VerdictRow> {
    private final String topic;

    public VerdictSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(VerdictRow row, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, Long.toString(row.guildId()).getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(Verdicts.event(row)));
    }
}

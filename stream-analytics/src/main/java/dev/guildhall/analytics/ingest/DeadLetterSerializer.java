package dev.guildhall.analytics.ingest;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Dead letters to Kafka: the original key (so a guild's dead letters stay together), JSON value. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter element, KafkaSinkContext context, Long timestamp) {
        byte[] key = element.key() == null ? null : element.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, element.toJson());
    }
}

package dev.guildhall.analytics.ingest;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.InvalidEventException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records in one pass with {@link StreamingEventDecoder} (the contract's canonical form) or, for
 * anything else, with {@link EventCodec#decode(byte[])}, then the job's {@link EventExtractor}.
 * Never throws: a record that fails becomes a {@link DeadLetter} with the reason; an event of a type the job
 * does not consume is skipped.
 */
public final class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<DecodedRecord<T>> {
    private final String job;
    private final EventExtractor<T> extractor;
    private final TypeInformation<DecodedRecord<T>> producedType;
    private transient StreamingEventDecoder streaming;

    public DecodingDeserializer(String job, EventExtractor<T> extractor, TypeInformation<DecodedRecord<T>> producedType) {
        this.job = job;
        this.extractor = extractor;
        this.producedType = producedType;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DecodedRecord<T>> out) {
        DecodedRecord<T> decoded = decode(record.topic(), record.partition(), record.offset(), record.key(), record.value());
        if (decoded != null) {
            out.collect(decoded);
        }
    }

    /** The pure part: bytes in, event / dead letter / null (skipped) out. */
    public DecodedRecord<T> decode(String topic, int partition, long offset, byte[] key, byte[] value) {
        String reason;
        try {
            if (streaming == null) {
                streaming = new StreamingEventDecoder(extractor.payloadTypes());
            }
            IncomingEvent incoming = streaming.decode(value);
            if (incoming == StreamingEventDecoder.NOT_CANONICAL) {
                incoming = IncomingEvent.of(EventCodec.decode(value));
            }
            T event = extractor.extract(incoming);
            return event == null ? null : DecodedRecord.ofEvent(event).at(partition, offset);
        } catch (InvalidEventException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return DecodedRecord.<T>ofDeadLetter(DeadLetter.of(job, topic, partition, offset, key, value, reason))
                .at(partition, offset);
    }

    @Override
    public TypeInformation<DecodedRecord<T>> getProducedType() {
        return producedType;
    }
}

package dev.guildhall.analytics.ingest;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.regex.Pattern;

/**
 * The common head of every job: Kafka source (committed offsets, else earliest; offsets committed on checkpoint;
 * partitions and topics created later are discovered every 10 s), decoding, event-time watermarks per partition
 * (bounded out-of-orderness + idleness), de-duplication by event_id per partition ({@link Deduplicate}), and the
 * dead-letter branch to {@link Topics#DEAD_LETTER}. Source, de-duplication and decoding run chained (no shuffle).
 */
public final class EventSources {
    private EventSources() {
    }

    public static <T extends JobEvent> DataStream<T> events(StreamExecutionEnvironment env, AnalyticsConfig config,
                                                               String job, String topic, EventExtractor<T> extractor,
                                                               TypeInformation<DecodedRecord<T>> decodedType,
                                                               TypeInformation<T> eventType) {
        KafkaSource<DecodedRecord<T>> source = KafkaSource.<DecodedRecord<T>>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                // a pattern, not a topic list: a topic that does not exist yet is no error (a list fails the job),
                // it is picked up by the partition discovery once created, from its earliest offset
                .setTopicPattern(Pattern.compile(Pattern.quote(config.topic(topic))))
                .setGroupId(config.groupId(job))
                .setClientIdPrefix(config.groupId(job))
                .setStartingOffsets(config.startFromEarliest() ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new DecodingDeserializer<>(job, extractor, decodedType))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "10000")
                // records of aborted transactions (quality-monitor writes exactly-once) are never read
                .setProperty("isolation.level", "read_committed")
                .build();

        DataStream<DecodedRecord<T>> records = env
                .fromSource(source, watermarks(config), job + "-kafka-source")
                .uid(job + "-source");
        if (config.dedupDepth() > 0) {
            // chained to the source: no shuffle; its state is a fixed number of ids per partition
            // (uid "-dedup" held the earlier keyed state per event id: an old checkpoint's copy is left unclaimed)
            records = records
                    .process(new Deduplicate<T>(config.dedupDepth()), decodedType)
                    .name(job + "-dedup")
                    .uid(job + "-dedup-per-partition");
        }
        SingleOutputStreamOperator<T> events = records
                .process(new DeadLetterRouter<T>(), eventType)
                .name(job + "-decode")
                .uid(job + "-decode");

        events.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                .sinkTo(deadLetterSink(config, job))
                .name(job + "-dead-letters")
                .uid(job + "-dead-letters");
        return events;
    }

    /** Event time = the envelope's occurred_at; dead letters carry no event time (they never advance the watermark). */
    public static <T extends JobEvent> WatermarkStrategy<DecodedRecord<T>> watermarks(AnalyticsConfig config) {
        return WatermarkStrategy.<DecodedRecord<T>>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((r, kafkaTs) -> r.event != null ? r.event.occurredAt() : Long.MIN_VALUE)
                .withIdleness(config.sourceIdleness());
    }

    static KafkaSink<DeadLetter> deadLetterSink(AnalyticsConfig config, String job) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setRecordSerializer(new DeadLetterSerializer(config.topic(Topics.DEAD_LETTER)))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("client.id", config.groupId(job) + "-dead-letters")
                .build();
    }
}

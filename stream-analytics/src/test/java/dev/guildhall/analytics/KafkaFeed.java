package dev.guildhall.analytics;

import dev.guildhall.events.Topics;
import dev.guildhall.testkit.KafkaEngine;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Produces test events to this test's own prefixed topics ({@code GUILDHALL_KAFKA_TOPIC_PREFIX}). */
final class KafkaFeed implements AutoCloseable {
    final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final KafkaEngine kafka;
    private final KafkaProducer<byte[], byte[]> producer;

    /** Creates the prefixed topics (messages and voice quality with {@code partitions}, dead letters with 1). */
    KafkaFeed(KafkaEngine kafka, int partitions) {
        this(kafka);
        createTopics(partitions);
    }

    /** Creates no topic: see {@link #createTopics(int)}. */
    KafkaFeed(KafkaEngine kafka) {
        this.kafka = kafka;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    void createTopics(int partitions) {
        kafka.createTopic(prefix + Topics.MESSAGES, partitions);
        kafka.createTopic(prefix + Topics.VOICE_QUALITY, partitions);
        kafka.createTopic(prefix + Topics.DEAD_LETTER, 1);
    }

    void send(String topic, long guildId, byte[] value) {
        producer.send(new ProducerRecord<>(prefix + topic, Long.toString(guildId).getBytes(StandardCharsets.UTF_8),
                value));
    }

    /** An event at {@code time} to every partition, so every partition's watermark passes {@code time - 5 s}. */
    void advanceWatermarks(String topic, long time) {
        int partitions = producer.partitionsFor(prefix + topic).size();
        for (int partition = 0; partition < partitions; partition++) {
            byte[] value = topic.equals(Topics.MESSAGES)
                    ? TestEvents.messageCreated(9_999, 1, time)
                    : TestEvents.voiceQuality("advance", "advance", time, 1.0, 0, 1);
            producer.send(new ProducerRecord<>(prefix + topic, partition, null,
                    "9999".getBytes(StandardCharsets.UTF_8), value));
        }
    }

    /** Reads {@code topic} from its start until at least {@code atLeast} values arrived (60 s at most). */
    List<String> read(String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-read-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(prefix + topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return seen.size() >= atLeast;
            });
        }
        return seen;
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}

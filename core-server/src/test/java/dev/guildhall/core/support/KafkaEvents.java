package dev.guildhall.core.support;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads events of the contract from Kafka topics (from the beginning), as a downstream consumer would. */
public final class KafkaEvents {
    private KafkaEvents() {
    }

    /** Creates the topics (idempotent) so the outbox relay and consumers find them. */
    public static void createTopics(String... topics) {
        for (String t : topics) {
            Engines.kafka().createTopic(t, 3);
        }
    }

    /**
     * Events of one guild on the topic, read from the beginning until {@code done} holds for what was read (or the
     * timeout); returns them in topic order per partition (one guild = one partition, so in commit order).
     */
    public static List<EventEnvelope> read(String topic, String guildId, Predicate<List<EventEnvelope>> done,
                                           Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "events-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(out)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (guildId.equals(r.key())) {
                        out.add(EventCodec.decode(r.value()));
                    }
                }
            }
        }
        return out;
    }

    /** Waits until the guild's events on the topic include every wanted type (in any order). */
    public static List<EventEnvelope> awaitTypes(String topic, String guildId, String... types) {
        return read(topic, guildId, events -> {
            List<String> seen = new ArrayList<>(events.stream().map(EventEnvelope::type).toList());
            for (String t : types) {
                if (!seen.remove(t)) {
                    return false;
                }
            }
            return true;
        }, Duration.ofSeconds(60));
    }
}

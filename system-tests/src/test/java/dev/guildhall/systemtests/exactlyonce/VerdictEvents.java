package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModVerdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code automod.verdict} events the automod-verdicts job wrote to {@code guildhall.automod.verdicts}: per message
 * id, the distinct verdicts ({@link AutoModTraffic#verdictLine}). The topic is at least once, so a message may have
 * several events, but they must all carry the same verdict.
 */
final class VerdictEvents {
    private VerdictEvents() {
    }

    /** Every verdict on the topic from its beginning to its current end, of messages in {@code guilds}. */
    static Map<String, Set<String>> read(String bootstrap, Set<String> guilds) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "exactly-once-it-verdicts");
        Map<String, Set<String>> verdicts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUTOMOD_VERDICTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    EventEnvelope e = EventCodec.decode(r.value());
                    if (EventType.AUTOMOD_VERDICT.wireName().equals(e.type()) && guilds.contains(e.guildId())) {
                        AutoModVerdict v = EventCodec.payload(e, AutoModVerdict.class);
                        verdicts.computeIfAbsent(v.messageId(), k -> new TreeSet<>())
                                .add(AutoModTraffic.verdictLine(e.eventId(), v));
                    }
                }
            }
        }
        return verdicts;
    }
}

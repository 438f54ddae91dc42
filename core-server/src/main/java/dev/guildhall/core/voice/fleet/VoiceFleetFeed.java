package dev.guildhall.core.voice.fleet;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the compacted {@code guildhall.voice.servers} (node heartbeats) and {@code guildhall.voice.health}
 * (quality-monitor's verdicts) from the beginning, without a consumer group (every core-server sees everything),
 * into a {@link VoiceFleet}. Undecodable records are skipped and logged.
 */
public final class VoiceFleetFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceFleetFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final VoiceFleet fleet;
    private final Thread thread;
    private volatile boolean running = true;

    public VoiceFleetFeed(String bootstrap, VoiceFleet fleet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(p);
        this.fleet = fleet;
        this.thread = new Thread(this::run, "voice-fleet-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                for (String topic : List.of(Topics.VOICE_SERVERS, Topics.VOICE_HEALTH)) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                }
                if (partitions.stream().noneMatch(tp -> tp.topic().equals(Topics.VOICE_SERVERS))) {
                    LOG.warn("event=voice_fleet_topic_missing topic={} retry_in_ms=1000", Topics.VOICE_SERVERS);
                    partitions.clear();
                    Thread.sleep(1000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            LOG.info("event=voice_fleet_feed_started partitions={}", partitions.size());
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("event=voice_fleet_feed_failed error={}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            EventEnvelope env = EventCodec.decode(r.value());
            if (EventType.VOICE_SERVER_HEARTBEAT.wireName().equals(env.type())) {
                fleet.heartbeat(EventCodec.payload(env, VoiceServerHeartbeat.class), r.timestamp());
            } else if (EventType.VOICE_SERVER_HEALTH.wireName().equals(env.type())) {
                fleet.health(EventCodec.payload(env, VoiceServerHealth.class));
            }
        } catch (RuntimeException e) {
            LOG.warn("event=voice_fleet_record_skipped topic={} offset={} error={}", r.topic(), r.offset(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

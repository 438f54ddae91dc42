package dev.guildhall.console.voice;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted {@code guildhall.voice.servers} (heartbeats) and {@code guildhall.voice.health}
 * (quality-monitor's verdicts) from the beginning, without a consumer group (a console replica commits nothing and
 * sees everything), into a {@link VoiceFleetStatus}. Read-only: it creates no topic (core-server and the launcher
 * do); while they are missing it retries. Without {@code GUILDHALL_KAFKA_BOOTSTRAP} it stays off and the view says so.
 */
@Component
public class VoiceFleetFeed implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VoiceFleetFeed.class);
    private static final List<String> TOPICS = List.of(Topics.VOICE_SERVERS, Topics.VOICE_HEALTH);

    private final String bootstrap;
    private final VoiceFleetStatus status = new VoiceFleetStatus();
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public VoiceFleetFeed(@Value("${guildhall.console.kafka-bootstrap:}") String bootstrap) {
        this.bootstrap = bootstrap == null ? "" : bootstrap.trim();
    }

    public VoiceFleetStatus status() {
        return status;
    }

    @Override
    public void afterPropertiesSet() {
        if (bootstrap.isEmpty()) {
            log.info("event=voice_fleet_feed_off reason=no_kafka_bootstrap");
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-console-voice-fleet");
        consumer = new KafkaConsumer<>(p);
        status.feed(VoiceFleetStatus.Feed.CONNECTING, null);
        thread = new Thread(this::run, "voice-fleet-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                boolean answered = true;
                try {
                    for (String topic : TOPICS) {
                        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                        if (infos != null) {
                            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                        }
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    answered = false;
                }
                if (partitions.stream().map(TopicPartition::topic).distinct().count() < TOPICS.size()) {
                    status.feed(VoiceFleetStatus.Feed.CONNECTING, answered
                            ? "the topics " + TOPICS + " do not exist yet"
                            : "Kafka at " + bootstrap + " does not answer");
                    partitions.clear();
                    Thread.sleep(1000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            status.feed(VoiceFleetStatus.Feed.READING, null);
            log.info("event=voice_fleet_feed_started partitions={}", partitions.size());
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // destroy() was called
        } catch (RuntimeException e) {
            log.error("event=voice_fleet_feed_failed error={}", e.toString(), e);
            status.feed(VoiceFleetStatus.Feed.FAILED, e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            EventEnvelope env = EventCodec.decode(r.value());
            if (EventType.VOICE_SERVER_HEARTBEAT.wireName().equals(env.type())) {
                status.heartbeat(EventCodec.payload(env, VoiceServerHeartbeat.class));
            } else if (EventType.VOICE_SERVER_HEALTH.wireName().equals(env.type())) {
                status.health(EventCodec.payload(env, VoiceServerHealth.class));
            }
        } catch (RuntimeException e) {
            log.warn("event=voice_fleet_record_skipped topic={} offset={} error={}", r.topic(), r.offset(),
                    e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(5000);
        }
    }
}

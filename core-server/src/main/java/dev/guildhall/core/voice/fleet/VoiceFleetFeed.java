package dev.guildhall.core.voice.fleet;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the compacted {@code guildhall.voice.servers} (node heartbeats) and {@code guildhall.voice.health}
 * (quality-monitor's verdicts) from the beginning, without a consumer group (every core-server sees everything),
 * into a {@link VoiceFleet}; creates them (compacted) when missing. Undecodable records are skipped and logged.
 */
public final class VoiceFleetFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceFleetFeed.class);

    private static final List<String> TOPICS = List.of(Topics.VOICE_SERVERS, Topics.VOICE_HEALTH);

    private final String bootstrap;
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
        this.bootstrap = bootstrap;
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
                createMissingTopics();
                for (String topic : TOPICS) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                }
                if (partitions.stream().map(TopicPartition::topic).distinct().count() < TOPICS.size()) {
                    LOG.warn("event=voice_fleet_topic_missing topics={} retry_in_ms=1000", TOPICS);
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
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Both topics are compacted (latest value per voice server); created so when missing, as the launcher does. */
    private void createMissingTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())
                            .configs(Map.of("cleanup.policy", "compact"))).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.info("event=voice_fleet_topics_created topics={}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("event=voice_fleet_topic_create_failed error={}", e.getCause().toString());
            }
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            LOG.warn("event=voice_fleet_topic_create_failed error={}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
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

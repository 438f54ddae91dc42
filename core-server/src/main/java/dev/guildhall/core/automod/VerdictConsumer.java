package dev.guildhall.core.automod;

import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code automod.verdict} events from {@link Topics#AUTOMOD_VERDICTS} (one consumer group shared by the
 * core-server nodes) and hands the stream verdicts of pending messages to {@link LateVerdicts}. Offsets are
 * committed after each polled batch, up to the last verdict applied (at least once; {@link LateVerdicts} makes a
 * repeat a no-op). While PostgreSQL fails, the same record is retried with backoff; a record that is not a valid
 * event, or whose application fails otherwise, is logged, counted and skipped.
 *
 * <p>Metrics: {@code guildhall.automod.verdicts.consumed{outcome=...}}, {@code guildhall.automod.verdicts.invalid},
 * {@code guildhall.automod.verdicts.failed}.
 */
final class VerdictConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LateVerdicts late;
    private final Map<LateVerdicts.Outcome, Counter> outcomes = new EnumMap<>(LateVerdicts.Outcome.class);
    private final Counter invalid;
    private final Counter failed;
    private final Thread thread;
    private volatile boolean running = true;

    VerdictConsumer(String bootstrap, String group, LateVerdicts late, MeterRegistry registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + ProcessHandle.current().pid());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.late = late;
        for (LateVerdicts.Outcome o : LateVerdicts.Outcome.values()) {
            outcomes.put(o, Counter.builder("guildhall.automod.verdicts.consumed")
                    .description("automod.verdict events read by core-server, by what became of them")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
        this.invalid = Counter.builder("guildhall.automod.verdicts.invalid")
                .description("Records on the verdicts topic that are not valid automod.verdict events (skipped)")
                .register(registry);
        this.failed = Counter.builder("guildhall.automod.verdicts.failed")
                .description("Verdicts whose application failed with an unexpected error (logged and skipped)")
                .register(registry);
        this.thread = new Thread(this::run, "automod-verdicts");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        consumer.subscribe(List.of(Topics.AUTOMOD_VERDICTS));
        long backoffMs = 100;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                        try {
                            handle(r);
                            backoffMs = 100;
                        } catch (DatabaseException e) {
                            LOG.warn("event=automod_verdict_retry partition={} offset={} backoff_ms={} error={}",
                                    tp, r.offset(), backoffMs, e.toString());
                            consumer.seek(tp, r.offset());
                            Thread.sleep(backoffMs);
                            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
                            break;
                        } catch (RuntimeException e) {
                            failed.increment();
                            LOG.error("event=automod_verdict_failed partition={} offset={} error={}", tp, r.offset(),
                                    e.toString(), e);
                        }
                        done.put(tp, new OffsetAndMetadata(r.offset() + 1));
                    }
                }
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("event=automod_verdict_consumer_failed error={}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        AutoModVerdict verdict;
        long guildId;
        try {
            EventEnvelope e = EventCodec.decode(r.value());
            if (!EventType.AUTOMOD_VERDICT.wireName().equals(e.type())) {
                return;
            }
            verdict = EventCodec.payload(e, AutoModVerdict.class);
            guildId = Long.parseLong(e.guildId());
            Long.parseLong(verdict.messageId());
            Long.parseLong(verdict.channelId());
        } catch (RuntimeException e) {
            invalid.increment();
            LOG.warn("event=automod_verdict_invalid offset={} error={}", r.offset(), e.toString());
            return;
        }
        outcomes.get(late.apply(guildId, verdict)).increment();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

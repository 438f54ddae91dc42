package dev.guildhall.core.gateway;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.PresenceUpdated;
import dev.guildhall.core.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code presence.updated} events to {@code guildhall.presence} (key = guild id) straight to Kafka, on one
 * thread of its own (in order, and a slow broker never blocks the gateway's event loops). Presence is gateway
 * memory, not a database change, so there is no transaction for the outbox to join; an event lost to a full queue
 * or a broker outage is counted, and the next change supersedes it anyway.
 */
public final class PresenceEventPublisher implements PresenceTracker.Sink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceEventPublisher.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final Producer<String, byte[]> producer;
    private final Snowflakes ids;
    private final String source;
    private final Counter published;
    private final Counter failed;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                Thread t = new Thread(r, "presence-event-publisher");
                t.setDaemon(true);
                return t;
            });

    public PresenceEventPublisher(Producer<String, byte[]> producer, Snowflakes ids, String source,
                                  MeterRegistry registry) {
        this.producer = producer;
        this.ids = ids;
        this.source = source;
        this.published = Counter.builder("guildhall.presence.events.published").register(registry);
        this.failed = Counter.builder("guildhall.presence.events.failed").register(registry);
    }

    @Override
    public void changed(long guildId, long userId, String status, int activities, long changedAt) {
        try {
            executor.execute(() -> send(guildId, new PresenceUpdated(Json.id(userId), status, activities,
                    changedAt)));
        } catch (RejectedExecutionException e) {
            failed.increment();
        }
    }

    private void send(long guildId, PresenceUpdated event) {
        String key = Json.id(guildId);
        try {
            EventEnvelope envelope = EventCodec.wrap(ids, source, key, event.changedAt(), event);
            producer.send(new ProducerRecord<>(Topics.PRESENCE, key, EventCodec.encode(envelope)), (meta, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    failed.increment();
                    LOG.debug("event=presence_event_failed guild_id={} error={}", key, error.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.debug("event=presence_event_failed guild_id={} error={}", key, e.toString());
        }
    }

    /** Sends what is queued (up to 5 s), then stops; call before the producer is closed. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}

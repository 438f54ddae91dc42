package dev.guildhall.core.voice;

import dev.guildhall.core.json.Json;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;
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
 * Sends {@code voice.session.joined} / {@code voice.session.left} to {@code guildhall.voice.sessions} (key = guild
 * id) straight to Kafka on a thread of its own, in order. Voice states are gateway memory, not a database change,
 * so there is no transaction for the outbox to join (the same choice as presence); an event lost to a full queue
 * or a broker outage is counted in {@code guildhall.voice.session.events.failed}.
 */
public final class VoiceSessionEventPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceSessionEventPublisher.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final Producer<String, byte[]> producer;
    private final Snowflakes ids;
    private final String source;
    private final String region;
    private final String voiceServer;
    private final Counter published;
    private final Counter failed;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                Thread t = new Thread(r, "voice-session-event-publisher");
                t.setDaemon(true);
                return t;
            });

    public VoiceSessionEventPublisher(Producer<String, byte[]> producer, Snowflakes ids, String source, String region,
                               String voiceServer, MeterRegistry registry) {
        this.producer = producer;
        this.ids = ids;
        this.source = source;
        this.region = region;
        this.voiceServer = voiceServer;
        this.published = Counter.builder("guildhall.voice.session.events.published").register(registry);
        this.failed = Counter.builder("guildhall.voice.session.events.failed").register(registry);
    }

    void joined(VoiceState state) {
        submit(state.guildId(), state.joinedAtMillis(), new VoiceSessionJoined(Json.id(state.channelId()),
                Json.id(state.userId()), state.sessionId(), region, voiceServer, state.joinedAtMillis()));
    }

    void left(VoiceState state, String reason, long now) {
        submit(state.guildId(), now, new VoiceSessionLeft(Json.id(state.channelId()), Json.id(state.userId()),
                state.sessionId(), region, voiceServer, reason, Math.max(0, now - state.joinedAtMillis()), now));
    }

    private void submit(long guildId, long occurredAt, Record payload) {
        try {
            executor.execute(() -> send(Json.id(guildId), occurredAt, payload));
        } catch (RejectedExecutionException e) {
            failed.increment();
        }
    }

    private void send(String key, long occurredAt, Record payload) {
        try {
            EventEnvelope envelope = EventCodec.wrap(ids, source, key, occurredAt, payload);
            producer.send(new ProducerRecord<>(Topics.VOICE_SESSIONS, key, EventCodec.encode(envelope)),
                    (meta, error) -> {
                        if (error == null) {
                            published.increment();
                        } else {
                            failed.increment();
                            LOG.debug("event=voice_session_event_failed guild_id={} error={}", key, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.debug("event=voice_session_event_failed guild_id={} error={}", key, e.toString());
        }
    }

    /** Sends what is queued (up to 5 s), then stops; call before the producer is closed. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}

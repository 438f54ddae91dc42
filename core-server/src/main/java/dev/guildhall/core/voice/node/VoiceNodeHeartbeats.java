package dev.guildhall.core.voice.node;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Registers a voice node and keeps it alive: a {@code voice.server.heartbeat} on the compacted
 * {@code guildhall.voice.servers} (key = node id) at start and every heartbeat interval, with its current load;
 * a last one with state "stopping" on a graceful stop. A connection refused because the node is full
 * ({@link #refused}) is reported at once, in an extra heartbeat's {@code refused}, so core-server moves the member.
 * Sent failures are counted and logged, never fatal.
 */
final class VoiceNodeHeartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceNodeHeartbeats.class);

    private final VoiceNodeConfig config;
    private final Producer<String, byte[]> producer;
    private final Supplier<Integer> load;
    private final Supplier<String> endpoint;
    private final Supplier<String> opsUrl;
    private final Snowflakes ids;
    private final long startedAt = System.currentTimeMillis();
    private final Counter sent;
    private final Counter failed;
    /** "guild:user" refused since the last heartbeat */
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voice-node-heartbeat");
        t.setDaemon(true);
        return t;
    });

    VoiceNodeHeartbeats(VoiceNodeConfig config, Producer<String, byte[]> producer, Supplier<Integer> load,
                        Supplier<String> endpoint, Supplier<String> opsUrl, MeterRegistry registry) {
        this.config = config;
        this.producer = producer;
        this.load = load;
        this.endpoint = endpoint;
        this.opsUrl = opsUrl;
        this.ids = new Snowflakes(Math.floorMod(config.id().hashCode(), 32),
                (int) (ProcessHandle.current().pid() % 32));
        this.sent = Counter.builder("guildhall.voice.node.heartbeats.sent").register(registry);
        this.failed = Counter.builder("guildhall.voice.node.heartbeats.failed").register(registry);
    }

    void start() {
        long every = config.heartbeat().toMillis();
        timer.scheduleAtFixedRate(() -> send(VoiceServerHeartbeat.RUNNING), 0, every, TimeUnit.MILLISECONDS);
    }

    /** The voice gateway refused a member's connection (full): a heartbeat tells core-server now. */
    void refused(long guildId, long userId) {
        refused.add(Long.toUnsignedString(guildId) + ":" + Long.toUnsignedString(userId));
        try {
            timer.execute(() -> send(VoiceServerHeartbeat.RUNNING));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the node stops: its last heartbeat says so
        }
    }

    private void send(String state) {
        try {
            long now = System.currentTimeMillis();
            List<String> refusedNow = new ArrayList<>();
            for (String m; (m = refused.poll()) != null; ) {
                refusedNow.add(m);
            }
            VoiceServerHeartbeat beat = new VoiceServerHeartbeat(config.id(), config.region(), endpoint.get(),
                    config.capacity(), load.get(), opsUrl.get(), startedAt, now, config.heartbeat().toMillis(), state,
                    refusedNow);
            byte[] value = EventCodec.encode(EventCodec.wrap(ids, "voice-node@" + config.id(), "0", now, beat));
            producer.send(new ProducerRecord<>(Topics.VOICE_SERVERS, null, now, config.id(), value), (m, e) -> {
                if (e != null) {
                    failed.increment();
                    LOG.warn("event=voice_node_heartbeat_failed error={}", e.toString());
                } else {
                    sent.increment();
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("event=voice_node_heartbeat_failed error={}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(VoiceServerHeartbeat.STOPPING);
        producer.flush();
    }
}

package dev.guildhall.core.voice;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceQualitySample;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hands voice.quality samples to Kafka (key = guild id) on its own thread, so a slow or unreachable broker never
 * blocks the relay's event loop. The queue is bounded; samples that do not fit are counted as failed.
 */
final class QualitySamplePublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QualitySamplePublisher.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final Producer<String, byte[]> producer;
    private final Snowflakes ids;
    private final String source;
    private final VoiceRelayMetrics metrics;
    private final ThreadPoolExecutor executor;
    private final java.util.concurrent.atomic.AtomicLong lastFailureLog = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong unloggedFailures = new java.util.concurrent.atomic.AtomicLong();

    QualitySamplePublisher(Producer<String, byte[]> producer, Snowflakes ids, String source, VoiceRelayMetrics metrics) {
        this.producer = producer;
        this.ids = ids;
        this.source = source;
        this.metrics = metrics;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                runnable -> {
                    Thread thread = new Thread(runnable, "voice-quality-publisher");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void publish(String guildId, long occurredAt, VoiceQualitySample sample) {
        try {
            executor.execute(() -> send(guildId, occurredAt, sample));
        } catch (RejectedExecutionException e) {
            metrics.samplesFailed.increment();
        }
    }

    private void send(String guildId, long occurredAt, VoiceQualitySample sample) {
        try {
            EventEnvelope envelope = EventCodec.wrap(ids, source, guildId, occurredAt, sample);
            producer.send(new ProducerRecord<>(Topics.VOICE_QUALITY, guildId, EventCodec.encode(envelope)),
                    (metadata, error) -> {
                        if (error == null) {
                            metrics.samplesPublished.increment();
                        } else {
                            failed(sample, error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(sample, e);
        }
    }

    /** Counts every failure; logs at most one line per 30 s so an unreachable broker does not flood the log. */
    private void failed(VoiceQualitySample sample, Exception error) {
        metrics.samplesFailed.increment();
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if ((last == 0 || now - last > 30_000_000_000L) && lastFailureLog.compareAndSet(last, now)) {
            log.warn("voice.quality sample not published ssrc={} error={} (failures since last report: {})",
                    sample.ssrc(), error.toString(), unloggedFailures.getAndSet(0) + 1);
        } else {
            unloggedFailures.incrementAndGet();
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.guildhall.systemtests.exactlyonce;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the traffic's events to Kafka at a steady rate from its own thread, each job's share by weight, with event
 * times that advance like the wall clock from a chosen base. The producer is idempotent with {@code acks=all} and
 * waits up to 5 min for an unreachable broker, so a broker restart neither loses nor duplicates a record; any
 * failed send fails {@link #stop()}.
 */
final class EventStream implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Traffic, Integer> weights;
    private final int weightSum;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    /** @param weights each job's traffic and its share of the events (e.g. 50 messages to 5 alerts) */
    EventStream(String bootstrap, Map<Traffic, Integer> weights) {
        this.weights = new LinkedHashMap<>(weights);
        this.weightSum = weights.values().stream().mapToInt(Integer::intValue).sum();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "exactly-once-it");
        producer = new KafkaProducer<>(p);
    }

    /** Starts sending {@code perSecond} events a second; event time = {@code eventTimeBase} + time since now. */
    synchronized void start(long eventTimeBase, int perSecond) {
        if (running) {
            throw new IllegalStateException("already streaming");
        }
        running = true;
        long startNanos = System.nanoTime();
        thread = new Thread(() -> {
            long n = 0;
            while (running && failure.get() == null) {
                long elapsedNanos = System.nanoTime() - startNanos;
                long due = elapsedNanos * perSecond / 1_000_000_000L;
                for (; n < due && running; n++) {
                    send(pick(n), eventTimeBase + elapsedNanos / 1_000_000);
                }
                LockSupport.parkNanos(2_000_000);
            }
        }, "exactly-once-events");
        thread.start();
    }

    /** Stops sending and waits until Kafka acknowledged every record; fails if any send failed. */
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
            thread = null;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a record could not be sent to Kafka", failure.get());
        }
        if (acknowledged.get() != sent.get()) {
            throw new IllegalStateException(sent.get() + " records sent but " + acknowledged.get() + " acknowledged");
        }
    }

    /** One event at {@code at} to every partition of every topic, so each partition's watermark passes it. */
    void advanceWatermarks(long at) {
        for (Traffic traffic : weights.keySet()) {
            int partitions = producer.partitionsFor(traffic.topic()).size();
            for (int partition = 0; partition < partitions; partition++) {
                sent.incrementAndGet();
                producer.send(new ProducerRecord<>(traffic.topic(), partition,
                        "9999".getBytes(StandardCharsets.UTF_8), traffic.watermarkEvent(at)), this::completed);
            }
        }
        producer.flush();
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    List<Traffic> traffic() {
        return List.copyOf(weights.keySet());
    }

    private Traffic pick(long n) {
        long slot = Math.floorMod(n * 7919, weightSum);   // a fixed interleaving of the shares
        for (Map.Entry<Traffic, Integer> e : weights.entrySet()) {
            slot -= e.getValue();
            if (slot < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void send(Traffic traffic, long at) {
        Traffic.Event event = traffic.next(at);
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(traffic.topic(), event.key().getBytes(StandardCharsets.UTF_8), event.value()),
                this::completed);
    }

    private void completed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        } else {
            acknowledged.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        producer.close(java.time.Duration.ofSeconds(10));
    }
}

package dev.guildhall.core.outbox;

import dev.guildhall.core.db.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends committed outbox rows to Kafka in id order and marks them sent only after the broker acknowledged them
 * (acks=all, idempotent producer). At-least-once: a crash between the ack and the mark resends the row, and
 * consumers deduplicate by {@code event_id}. When Kafka is unreachable it retries with exponential backoff
 * (capped) and keeps the rows; nothing is lost and nothing spins. Only one relay per database works at a time:
 * it holds a PostgreSQL session advisory lock on its own connection and does all its reads and marks on that
 * connection, so a second core-server node stands by (and takes over when the first one's connection dies).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** Advisory lock key of the relay ("GHOUTBOX" as ASCII). */
    static final long LOCK_KEY = 0x47484f5554424f58L;

    private final Database db;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Duration sentRetention;
    private final Semaphore wakeups = new Semaphore(0);
    private final Counter sent;
    private final Counter failures;
    private final OutboxStats stats;
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;
    private Connection conn; // relay thread only: holds the advisory lock

    public OutboxRelay(Database db, Producer<String, byte[]> producer, OutboxWriter writer, int batchSize,
                       Duration pollInterval, Duration maxBackoff, Duration sentRetention, MeterRegistry registry) {
        this.db = db;
        this.producer = producer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.sentRetention = sentRetention;
        this.stats = new OutboxStats(db);
        this.sent = Counter.builder("guildhall.outbox.sent").description("outbox rows acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("guildhall.outbox.send.failures")
                .description("outbox relay rounds that failed (Kafka or PostgreSQL unavailable)").register(registry);
        Gauge.builder("guildhall.outbox.pending", stats, OutboxStats::pendingRows)
                .description("outbox rows not yet acknowledged by Kafka").register(registry);
        Gauge.builder("guildhall.outbox.lag.seconds", stats, OutboxStats::oldestPendingAgeSeconds)
                .description("age of the oldest unsent outbox row").register(registry);
        writer.onCommitted(wakeups::release);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private record Row(long id, String topic, String key, byte[] payload) {
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        long nextPurge = System.nanoTime();
        LOG.info("event=outbox_relay_started batch={} poll_ms={}", batchSize, pollInterval.toMillis());
        while (running) {
            try {
                if (!ensureLeader()) {
                    Thread.sleep(Math.max(pollInterval.toMillis(), 1000));
                    continue;
                }
                if (System.nanoTime() - nextPurge >= 0) {
                    purgeSent();
                    nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
                }
                int n = relayOnce();
                backoff = MIN_BACKOFF;
                if (n < batchSize) {
                    // idle: wait for a commit nudge or the poll interval
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failures.increment();
                dropConnectionIfBroken();
                LOG.warn("event=outbox_relay_retry backoff_ms={} error={}", backoff.toMillis(), e.toString());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
        closeConnection();
        LOG.info("event=outbox_relay_stopped");
    }

    /** Holds (or acquires) the relay lock on the dedicated connection; false when another node holds it. */
    private boolean ensureLeader() throws SQLException {
        if (conn != null && leader) {
            return true;
        }
        if (conn == null) {
            conn = db.openDedicatedConnection();
            conn.setAutoCommit(true);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leader = rs.getBoolean(1);
            }
        }
        if (leader) {
            LOG.info("event=outbox_relay_leader");
        } else {
            LOG.debug("event=outbox_relay_standby");
        }
        return leader;
    }

    private void dropConnectionIfBroken() {
        try {
            if (conn != null && !conn.isValid(2)) {
                closeConnection();
            }
        } catch (SQLException e) {
            closeConnection();
        }
    }

    private void closeConnection() {
        leader = false;
        if (conn != null) {
            try {
                conn.close(); // a broken or closed session releases the advisory lock in PostgreSQL
            } catch (SQLException ignored) {
                // nothing more to do
            }
            conn = null;
        }
    }

    /** Whether this relay currently holds the relay lock (tests, health). */
    public boolean isLeader() {
        return leader;
    }

    /**
     * Sends one batch in id order, waits for the acks and marks the acknowledged prefix as sent.
     * Returns the number of rows read; throws after marking the prefix when a send failed.
     */
    int relayOnce() throws InterruptedException, SQLException {
        List<Row> rows = fetchPending();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        RuntimeException sendFailure = null;
        for (Row row : rows) {
            try {
                futures.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
            } catch (RuntimeException e) {
                sendFailure = e; // e.g. metadata not available within max.block.ms: stop here, keep order
                break;
            }
        }
        List<Long> acked = new ArrayList<>(futures.size());
        Exception ackFailure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
                if (ackFailure == null) {
                    acked.add(rows.get(i).id());
                }
            } catch (ExecutionException e) {
                if (ackFailure == null) {
                    ackFailure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        markSent(acked);
        if (ackFailure != null) {
            throw new IllegalStateException("kafka send failed after " + acked.size() + " of " + rows.size()
                    + " rows: " + ackFailure, ackFailure);
        }
        if (sendFailure != null) {
            throw sendFailure;
        }
        return rows.size();
    }

    private List<Row> fetchPending() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id, topic, record_key, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
        }
        return rows;
    }

    private void markSent(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, conn.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
        sent.increment(ids.size());
    }

    private void purgeSent() throws SQLException {
        int n;
        try (PreparedStatement ps = conn.prepareStatement(
                "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, sentRetention.toMillis() / 1000.0);
            n = ps.executeUpdate();
        }
        if (n > 0) {
            LOG.debug("event=outbox_purged rows={}", n);
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            wakeups.release();
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

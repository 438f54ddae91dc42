package dev.guildhall.core.threads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The periodic sweep that archives threads inactive for longer than their auto_archive_duration. */
public final class ThreadArchiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadArchiver.class);
    /** How often the sweep runs: archiving is at most this late (durations are 1 hour or more). */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final ThreadService threads;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "thread-archiver");
        t.setDaemon(true);
        return t;
    });

    public ThreadArchiver(ThreadService threads) {
        this.threads = threads;
    }

    public void start() {
        long ms = SWEEP_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            threads.archiveInactive(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("event=thread_archive_sweep_failed error={}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}

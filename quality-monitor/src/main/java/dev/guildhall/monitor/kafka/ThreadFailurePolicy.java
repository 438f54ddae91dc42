package dev.guildhall.monitor.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * What to do when a stream thread dies: replace it (transient trouble such as a broker restart), unless threads
 * keep dying — more than {@code maxFailures} within {@code periodMillis} — then shut the client down (state ERROR,
 * /health 503, the process exits non-zero) instead of looping on a poison record or a bug.
 */
public final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ThreadFailurePolicy.class);

    private final int maxFailures;
    private final long periodMillis;
    private final LongSupplier clock;
    private final Deque<Long> failures = new ArrayDeque<>();

    public ThreadFailurePolicy(int maxFailures, long periodMillis, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.periodMillis = periodMillis;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.getAsLong();
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > periodMillis) {
            failures.removeFirst();
        }
        if (failures.size() > maxFailures) {
            log.error("stream thread failed {} times within {} ms; shutting the client down", failures.size(),
                    periodMillis, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.error("stream thread failed; replacing it ({} failures within {} ms)", failures.size(), periodMillis,
                exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}

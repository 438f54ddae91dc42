package dev.guildhall.core.gateway;

import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Collects the session flushes one fan-out schedules and submits them as one task per event loop, instead of one
 * task (a queue offer and possibly a wake-up of the loop) per session per dispatch. Thread-confined: a batch
 * belongs to the thread that runs {@link #around}.
 */
final class FlushBatch {
    private static final Logger LOG = LoggerFactory.getLogger(FlushBatch.class);
    private static final ThreadLocal<FlushBatch> CURRENT = new ThreadLocal<>();

    /** A flush to run on a loop, and what to do if the loop refuses it (it is shutting down). */
    private record Flush(Runnable task, Runnable rejected) {
    }

    private final Map<EventExecutor, List<Flush>> byLoop = new IdentityHashMap<>(4);

    private FlushBatch() {
    }

    /** Runs {@code fanOut}, then submits the flushes it deferred, grouped by event loop (nested calls join). */
    static void around(Runnable fanOut) {
        if (CURRENT.get() != null) {
            fanOut.run();
            return;
        }
        FlushBatch batch = new FlushBatch();
        CURRENT.set(batch);
        try {
            fanOut.run();
        } finally {
            CURRENT.remove();
            batch.submit();
        }
    }

    /**
     * Defers {@code task} to the current batch, if this thread is running one; false otherwise (the caller
     * submits it itself).
     */
    static boolean defer(EventExecutor loop, Runnable task, Runnable rejected) {
        FlushBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        batch.byLoop.computeIfAbsent(loop, k -> new ArrayList<>()).add(new Flush(task, rejected));
        return true;
    }

    private void submit() {
        byLoop.forEach((loop, flushes) -> {
            try {
                loop.execute(() -> {
                    for (Flush f : flushes) {
                        try {
                            f.task().run();
                        } catch (RuntimeException e) {
                            LOG.warn("event=gateway_flush_failed error={}", e.toString(), e);
                        }
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                flushes.forEach(f -> f.rejected().run());
            }
        });
    }
}

package dev.guildhall.simulator.gateway;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat loop of a gateway or voice gateway WebSocket: after HELLO, a beat every {@code heartbeat_interval}
 * on the shared scheduler until the connection stops it.
 */
public final class Heartbeat {
    private final ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> task;

    public Heartbeat(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Stops the running loop, if any, and starts {@code beat} after {@code firstMs}, then every {@code intervalMs}.
     * False when the scheduler has been shut down (the simulator is stopping).
     */
    public boolean start(long firstMs, long intervalMs, Runnable beat) {
        stop();
        try {
            task = scheduler.scheduleAtFixedRate(beat, firstMs, intervalMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}

package dev.guildhall.simulator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void beatsUntilStoppedAndARestartReplacesTheLoop() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Heartbeat heartbeat = new Heartbeat(scheduler);
            CountDownLatch threeBeats = new CountDownLatch(3);
            AtomicInteger first = new AtomicInteger();
            assertTrue(heartbeat.start(0, 5, () -> {
                first.incrementAndGet();
                threeBeats.countDown();
            }));
            assertTrue(threeBeats.await(5, TimeUnit.SECONDS));

            // the restart cancels the first loop: on the single scheduler thread, once the new loop has beaten
            // the old one has no beat left running, and while the new one beats three times the old count stays
            CountDownLatch newBeat = new CountDownLatch(1);
            CountDownLatch threeNewBeats = new CountDownLatch(3);
            assertTrue(heartbeat.start(0, 5, () -> {
                newBeat.countDown();
                threeNewBeats.countDown();
            }));
            assertTrue(newBeat.await(5, TimeUnit.SECONDS));
            int afterRestart = first.get();
            assertTrue(threeNewBeats.await(5, TimeUnit.SECONDS));
            assertEquals(afterRestart, first.get());

            heartbeat.stop();
            heartbeat.stop(); // stopping twice is harmless
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aStoppedSchedulerRefusesTheStart() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.shutdown();
        assertFalse(new Heartbeat(scheduler).start(0, 1000, () -> { }));
        new Heartbeat(scheduler).stop(); // never started: nothing to stop
    }
}

package dev.guildhall.simulator.chat;

import dev.guildhall.simulator.api.ApiCallException;
import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import dev.guildhall.simulator.setup.Community;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts chat messages at {@code rate} messages per second over all members (Poisson arrivals): a random member
 * writes random chatter into the text channel of its guild. A failed post is counted and logged, never fatal.
 */
public final class ChatDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatDriver.class);
    private static final int MAX_IN_FLIGHT = 16;

    private final CoreApi api;
    private final List<Community.Member> members;
    private final double rate;
    private final ChatterGenerator chatter;
    private final Random random;
    private final SimulatorMetrics metrics;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "chat-clock"));
    private final ExecutorService posters = Executors.newFixedThreadPool(4, r -> daemon(r, "chat-post"));
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();
    private volatile long lastFailureLogMs;
    private volatile boolean running;

    public ChatDriver(CoreApi api, List<Community.Member> members, double rate, long seed, SimulatorMetrics metrics) {
        this.api = api;
        this.members = List.copyOf(members);
        this.rate = rate;
        this.chatter = new ChatterGenerator(seed);
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.metrics = metrics;
    }

    public void start() {
        if (rate <= 0 || members.isEmpty()) {
            log.info("chat disabled rate={} members={}", rate, members.size());
            return;
        }
        running = true;
        scheduleNext();
        log.info("chat started rate_per_s={} members={}", rate, members.size());
    }

    private void scheduleNext() {
        if (!running) {
            return;
        }
        double gapSeconds = -Math.log(1 - random.nextDouble()) / rate;
        long gapMicros = Math.max(1, (long) (gapSeconds * 1_000_000));
        try {
            clock.schedule(this::tick, gapMicros, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException stopped) {
            running = false;
        }
    }

    private void tick() {
        try {
            if (inFlight.get() < MAX_IN_FLIGHT) {
                Community.Member m = members.get(random.nextInt(members.size()));
                String content = chatter.next();
                inFlight.incrementAndGet();
                posters.execute(() -> post(m, content));
            }
        } catch (RejectedExecutionException stopped) {
            inFlight.decrementAndGet();
        } finally {
            scheduleNext();
        }
    }

    private void post(Community.Member m, String content) {
        try {
            api.postMessage(m.session().token(), m.guild().textChannelId, content);
            metrics.messagesSent.increment();
        } catch (ApiCallException e) {
            metrics.messagesFailed.increment();
            long now = System.currentTimeMillis();
            if (now - lastFailureLogMs >= 10_000) {
                lastFailureLogMs = now;
                log.warn("message by {} to {} failed: {} ({} more failures since the last report)", m.username(),
                        m.guild().name, e.getMessage(), suppressed.getAndSet(0));
            } else {
                suppressed.incrementAndGet();
            }
        } catch (RuntimeException e) {
            metrics.messagesFailed.increment();
            log.error("message by {} failed unexpectedly", m.username(), e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        clock.shutdownNow();
        posters.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

package dev.guildhall.console.reviewqueue;

import dev.guildhall.console.auth.ConsoleUser;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One shared poller for every open review-queue view: each watch asks core-server (with its user's token) for the
 * newest pending item every {@link #INTERVAL}, on one thread, and tells the view when the pending queue changed;
 * the view then pushes the change to the browser (Vaadin Push). At most {@link #MAX_WATCHES} views are watched at
 * once; a view beyond that still works, without live updates.
 */
@Component
public class QueueWatcher {

    static final Duration INTERVAL = Duration.ofSeconds(3);
    static final int MAX_WATCHES = 200;
    private static final Logger log = LoggerFactory.getLogger(QueueWatcher.class);

    /** What a view learns at each change: pending items in all and the newest one's id. */
    public record Snapshot(long pending, long newestId) {
    }

    private record Watch(ConsoleUser user, long guildId, Consumer<Snapshot> onChange, Snapshot[] last) {
    }

    private final ReviewQueueService queue;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "review-queue-watcher");
        t.setDaemon(true);
        return t;
    });

    public QueueWatcher(ReviewQueueService queue) {
        this.queue = queue;
        poller.scheduleWithFixedDelay(this::pollAll, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the guild's pending queue for the user (whose scope the caller has checked); {@code onChange} runs on
     * the poller thread. Returns the handle to {@link #stop}, or 0 when the watcher is full.
     */
    public long watch(ConsoleUser user, long guildId, Snapshot current, Consumer<Snapshot> onChange) {
        if (watches.size() >= MAX_WATCHES) {
            log.warn("event=review_queue_watcher_full watches={}", watches.size());
            return 0;
        }
        long id = ids.incrementAndGet();
        watches.put(id, new Watch(user, guildId, onChange, new Snapshot[]{current}));
        return id;
    }

    public void stop(long id) {
        watches.remove(id);
    }

    int size() {
        return watches.size();
    }

    private void pollAll() {
        for (Map.Entry<Long, Watch> e : watches.entrySet()) {
            Watch w = e.getValue();
            try {
                QueuePage page = queue.fetch(w.user(), w.guildId(), QueueFilter.pendingNewest(), 0, 1);
                Snapshot now = new Snapshot(page.total(), page.items().isEmpty() ? 0 : page.items().get(0).id());
                if (!now.equals(w.last()[0])) {
                    w.last()[0] = now;
                    w.onChange().accept(now);
                }
            } catch (RuntimeException ex) {
                // core-server down or the user's scope gone: the view's own next call says so; keep polling
                log.debug("event=review_queue_watch_failed guild={} error={}", w.guildId(), ex.toString());
            }
        }
    }

    @PreDestroy
    void close() {
        poller.shutdownNow();
    }
}

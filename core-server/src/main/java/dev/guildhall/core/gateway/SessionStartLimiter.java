package dev.guildhall.core.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Discord's session start limit: each account may IDENTIFY {@link #TOTAL} times per 24 hours (RESUMEs do not
 * count). The window starts with the first IDENTIFY and the count resets when it has passed. Kept in this process's
 * memory (a restart forgets it); gateway nodes ask the primary's
 * ({@link SessionCoordinator}), so one place counts every node's IDENTIFYs.
 */
final class SessionStartLimiter {
    static final int TOTAL = 1000;
    static final long WINDOW_MILLIS = Duration.ofHours(24).toMillis();
    /** IDENTIFYs per 5 s a bot may send in parallel (one bucket: no large-bot sharding here). */
    static final int MAX_CONCURRENCY = 1;

    /** What {@code GET /gateway/bot} reports as {@code session_start_limit}. */
    record Limit(int total, int remaining, long resetAfterMillis, int maxConcurrency) {
    }

    private record Window(long startMillis, int used) {
    }

    private final int total;
    private final LongSupplier clockMillis;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    SessionStartLimiter() {
        this(TOTAL, System::currentTimeMillis);
    }

    SessionStartLimiter(int total, LongSupplier clockMillis) {
        this.total = total;
        this.clockMillis = clockMillis;
    }

    /** Counts an IDENTIFY; false (not counted) when the account has none left in the current window. */
    boolean tryStart(long userId) {
        long now = clockMillis.getAsLong();
        boolean[] allowed = new boolean[1];
        windows.compute(userId, (k, w) -> {
            if (w == null || now - w.startMillis() >= WINDOW_MILLIS) {
                allowed[0] = true;
                return new Window(now, 1);
            }
            if (w.used() >= total) {
                return w;
            }
            allowed[0] = true;
            return new Window(w.startMillis(), w.used() + 1);
        });
        return allowed[0];
    }

    Limit limit(long userId) {
        long now = clockMillis.getAsLong();
        Window w = windows.get(userId);
        if (w == null || now - w.startMillis() >= WINDOW_MILLIS) {
            return new Limit(total, total, WINDOW_MILLIS, MAX_CONCURRENCY);
        }
        return new Limit(total, total - w.used(), WINDOW_MILLIS - (now - w.startMillis()), MAX_CONCURRENCY);
    }
}

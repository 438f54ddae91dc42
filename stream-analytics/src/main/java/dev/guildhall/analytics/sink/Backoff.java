package dev.guildhall.analytics.sink;

import java.io.Serializable;
import java.time.Duration;

/** Exponential backoff: attempt 1 waits {@code initial}, each further attempt twice as long, capped at {@code max}. */
public record Backoff(Duration initial, Duration max) implements Serializable {
    public Duration delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        long ms = initial.toMillis();
        for (int i = 1; i < failedAttempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}

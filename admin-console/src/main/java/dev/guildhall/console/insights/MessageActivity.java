package dev.guildhall.console.insights;

import java.time.Instant;
import java.util.List;

/**
 * A guild's message activity over a window.
 *
 * @param from    start of the window (inclusive, minute-aligned)
 * @param to      end of the window (exclusive, minute-aligned)
 * @param minutes every minute of the window, zero where nothing was posted (for the chart)
 * @param active  only the minutes with messages, newest first (for the table)
 */
public record MessageActivity(Instant from, Instant to, List<MinuteMessages> minutes, List<MinuteMessages> active) {

    public long total() {
        return active.stream().mapToLong(MinuteMessages::messages).sum();
    }

    public boolean isEmpty() {
        return active.isEmpty();
    }
}

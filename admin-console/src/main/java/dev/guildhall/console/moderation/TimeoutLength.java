package dev.guildhall.console.moderation;

import java.time.Duration;

/** Timeout lengths offered, as Discord's clients offer them. */
public enum TimeoutLength {
    MINUTE("60 seconds", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 minutes", Duration.ofMinutes(5)),
    TEN_MINUTES("10 minutes", Duration.ofMinutes(10)),
    HOUR("1 hour", Duration.ofHours(1)),
    DAY("1 day", Duration.ofDays(1)),
    WEEK("1 week", Duration.ofDays(7));

    private final String label;
    private final Duration length;

    TimeoutLength(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }
}

package dev.guildhall.console.voice;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The dashboard's time ranges, each with the bucket that keeps a chart at 60–100 points. */
public enum TimeRange {
    LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15), Duration.ofMinutes(1)),
    LAST_HOUR("Last hour", Duration.ofHours(1), Duration.ofMinutes(1)),
    LAST_6_HOURS("Last 6 hours", Duration.ofHours(6), Duration.ofMinutes(5)),
    LAST_24_HOURS("Last 24 hours", Duration.ofHours(24), Duration.ofMinutes(15)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7), Duration.ofHours(2));

    private final String label;
    private final Duration length;
    private final Duration bucket;

    TimeRange(String label, Duration length, Duration bucket) {
        this.label = label;
        this.length = length;
        this.bucket = bucket;
    }

    public String label() {
        return label;
    }

    public Duration bucket() {
        return bucket;
    }

    /** The end of the range: the end of the current minute (so the minute in progress shows). */
    public static Instant end(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    /** The start of the range ending at {@code end}, aligned down to a whole bucket (as the queries align). */
    public Instant start(Instant end) {
        long b = bucket.toSeconds();
        long s = end.minus(length).getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, b) * b);
    }
}

package dev.guildhall.console.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A range of whole UTC days, both ends included, as the date-range picker shows it. The warehouse's named queries
 * take half-open ranges: {@link #endExclusive()} and the instants {@link #start()} / {@link #end()}.
 */
public record DateRange(LocalDate from, LocalDate to) {

    /** Longest range one page reads (a year and a day, so a whole leap year fits). */
    public static final int MAX_DAYS = 366;

    public DateRange {
        if (from == null || to == null) {
            throw new IllegalArgumentException("pick both a first and a last day");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the last day (" + to + ") is before the first day (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("pick at most " + MAX_DAYS + " days (" + from + " to " + to + " is "
                    + (ChronoUnit.DAYS.between(from, to) + 1) + ")");
        }
    }

    /** The last {@code days} days up to and including {@code today}. */
    public static DateRange lastDays(int days, LocalDate today) {
        return new DateRange(today.minusDays(days - 1L), today);
    }

    /** The range from URL parameters ({@code yyyy-MM-dd}); empty when either is missing or not a valid range. */
    public static Optional<DateRange> parse(String from, String to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DateRange(LocalDate.parse(from.trim()), LocalDate.parse(to.trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The day after the last day: the exclusive end of the day-based queries. */
    public LocalDate endExclusive() {
        return to.plusDays(1);
    }

    /** 00:00 UTC of the first day. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** 00:00 UTC of the day after the last day. */
    public Instant end() {
        return endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    @Override
    public String toString() {
        return from + " to " + to;
    }
}

package dev.guildhall.warehouse.queries;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The time buckets of the voice time series: whole minutes aligned to multiples of their length since the epoch,
 * made coarser for long ranges so one series of a range has at most {@link #MAX_POINTS} buckets (a chart in the
 * browser never gets tens of thousands of points). A bucket that already fits is kept; otherwise the first step of
 * {@link #STEPS_MINUTES} longer than it that fits is used.
 */
public final class TimeBuckets {
  /** At most this many buckets per series and range. */
  public static final int MAX_POINTS = 1000;
  /** The coarser buckets tried, in minutes (each divides a day, so daily buckets stay aligned to UTC days). */
  static final List<Integer> STEPS_MINUTES = List.of(1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440);

  private TimeBuckets() {
  }

  /**
   * The bucket the voice queries use for {@code requested} over [from, to).
   *
   * @throws IllegalArgumentException for a bucket that is not 1..1440 whole minutes, an empty range, or a range
   *                                  longer than {@link #MAX_POINTS} days
   */
  public static Duration forRange(Instant from, Instant to, Duration requested) {
    ConsoleQueries.checkRange(from, to);
    long requestedS = VoiceQueries.bucketSeconds(requested);
    if (count(from, to, requestedS) <= MAX_POINTS) {
      return requested;
    }
    for (int minutes : STEPS_MINUTES) {
      long s = 60L * minutes;
      if (s > requestedS && count(from, to, s) <= MAX_POINTS) {
        return Duration.ofSeconds(s);
      }
    }
    throw new IllegalArgumentException("range " + from + " .. " + to + " has more than " + MAX_POINTS
        + " daily buckets: ask for a shorter range");
  }

  /** How many aligned buckets of {@code bucketS} seconds [from, to) touches. */
  static long count(Instant from, Instant to, long bucketS) {
    long first = Math.floorDiv(from.getEpochSecond(), bucketS);
    long last = Math.floorDiv(to.getEpochSecond() - 1, bucketS);
    return last - first + 1;
  }
}

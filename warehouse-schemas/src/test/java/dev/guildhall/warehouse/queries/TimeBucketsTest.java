package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {
  private static final Instant END = Instant.parse("2026-11-28T12:00:00Z");

  private static Duration bucket(Duration range, Duration requested) {
    return TimeBuckets.forRange(END.minus(range), END, requested);
  }

  @Test
  void aBucketThatFitsIsKept() {
    assertThat(bucket(Duration.ofHours(1), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(bucket(Duration.ofDays(7), Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
    assertThat(bucket(Duration.ofMinutes(1000), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(bucket(Duration.ofMinutes(1000), Duration.ofMinutes(7))).as("off the steps, but fits")
        .isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void longRangesGetTheFirstCoarserStepThatFits() {
    assertThat(bucket(Duration.ofMinutes(1001), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(2));
    assertThat(bucket(Duration.ofDays(7), Duration.ofMinutes(1))).as("10,080 minutes: 10-min = 1,008 buckets")
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(bucket(Duration.ofDays(30), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(60));
    assertThat(bucket(Duration.ofDays(400), Duration.ofMinutes(7))).isEqualTo(Duration.ofHours(12));
    assertThat(bucket(Duration.ofDays(900), Duration.ofMinutes(1))).isEqualTo(Duration.ofDays(1));
    for (Duration range : new Duration[] {Duration.ofMinutes(999), Duration.ofDays(3), Duration.ofDays(90),
        Duration.ofDays(999)}) {
      Duration b = bucket(range, Duration.ofMinutes(1));
      assertThat(TimeBuckets.count(END.minus(range), END, b.toSeconds())).as("%s", range)
          .isLessThanOrEqualTo(TimeBuckets.MAX_POINTS);
    }
  }

  @Test
  void unalignedRangesCountEveryTouchedBucket() {
    Instant from = Instant.parse("2026-11-28T10:00:30Z");
    assertThat(TimeBuckets.count(from, from.plusSeconds(60), 60)).isEqualTo(2);
    assertThat(TimeBuckets.count(END.minusSeconds(60), END, 60)).isEqualTo(1);
  }

  @Test
  void badBucketsAndRangesAreClearErrors() {
    assertThatThrownBy(() -> bucket(Duration.ofDays(1001), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter range");
    assertThatThrownBy(() -> bucket(Duration.ofHours(1), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole minutes");
    assertThatThrownBy(() -> TimeBuckets.forRange(END, END, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
  }
}

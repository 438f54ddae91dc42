package dev.guildhall.warehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RetentionTest {
  @Test
  void aMonthExpiresOnlyWhenItLiesWhollyBeforeTheCutoff() {
    LocalDate cutoff = LocalDate.parse("2025-07-01");
    assertThat(Retention.expired("202506", cutoff)).isTrue();   // ends 2025-06-30
    assertThat(Retention.expired("202412", cutoff)).isTrue();
    assertThat(Retention.expired("202507", cutoff)).isFalse();
    assertThat(Retention.expired("202506", LocalDate.parse("2025-06-30"))).isFalse(); // its last day is kept
    assertThat(Retention.expired("tuple()", cutoff)).isFalse();
    assertThat(Retention.expired("20250601", cutoff)).isFalse();
  }

  @Test
  void cutoffIsTodayMinusTheHorizon() {
    assertThat(Retention.cutoff(LocalDate.parse("2026-01-15"), 30)).isEqualTo(LocalDate.parse("2025-12-16"));
    assertThatThrownBy(() -> Retention.cutoff(LocalDate.parse("2026-01-15"), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

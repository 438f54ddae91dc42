package dev.guildhall.console.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    @Test
    void bothDaysAreIncludedAndTheQueriesGetHalfOpenBounds() {
        DateRange r = new DateRange(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-11"));
        assertThat(r.days()).isEqualTo(7);
        assertThat(r.endExclusive()).isEqualTo(LocalDate.parse("2026-01-12"));
        assertThat(r.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2026-01-12T00:00:00Z"));
        assertThat(DateRange.lastDays(30, LocalDate.parse("2026-11-28")))
                .isEqualTo(new DateRange(LocalDate.parse("2026-10-30"), LocalDate.parse("2026-11-28")));
        assertThat(new DateRange(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-05")).days()).isEqualTo(1);
    }

    @Test
    void reversedMissingOrTooLongRangesAreRefusedWithAReason() {
        assertThatThrownBy(() -> new DateRange(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-04")))
                .hasMessageContaining("before the first day");
        assertThatThrownBy(() -> new DateRange(null, LocalDate.parse("2026-01-04")))
                .hasMessageContaining("pick both");
        assertThatThrownBy(() -> new DateRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-02")))
                .hasMessageContaining("at most 366 days");
        assertThat(DateRange.parse("2026-01-01", "2026-01-31")).contains(
                new DateRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
        assertThat(DateRange.parse("2026-01-31", "2026-01-01")).isEmpty();
        assertThat(DateRange.parse("yesterday", "2026-01-01")).isEmpty();
        assertThat(DateRange.parse(null, "2026-01-01")).isEmpty();
    }
}

package dev.guildhall.analytics.voiceminutes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionDaysTest {
    private static final long DAY = 86_400_000L;
    private static final long D0 = 1_767_571_200_000L; // 2026-01-05T00:00Z
    private static final long HOUR = 3_600_000L;

    private static VoiceSessionEvent session(long start) {
        return new VoiceSessionEvent("e", 1, 10, 100, "s", "eu", "vs-1", true, start, 0, start);
    }

    @Test
    void aSessionWithinADayIsOneRow() {
        List<SessionDayRow> rows = SessionDays.split(session(D0 + 10 * HOUR), D0 + 11 * HOUR + 30_000, false, 7);
        assertThat(rows).containsExactly(new SessionDayRow(1, D0, 10, 100, "s", D0 + 10 * HOUR, HOUR + 30_000, false,
                "eu", "vs-1", 7));
    }

    @Test
    void aSessionIsSplitAtEveryUtcMidnight() {
        List<SessionDayRow> rows = SessionDays.split(session(D0 + 22 * HOUR), D0 + DAY + DAY + 2 * HOUR, true, 7);
        assertThat(rows).extracting(SessionDayRow::day, SessionDayRow::voiceMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(D0, 2 * HOUR),
                org.assertj.core.groups.Tuple.tuple(D0 + DAY, DAY),
                org.assertj.core.groups.Tuple.tuple(D0 + 2 * DAY, 2 * HOUR));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.startedAt()).isEqualTo(D0 + 22 * HOUR);
            assertThat(r.capped()).isTrue();
        });
    }

    @Test
    void endingExactlyAtMidnightTouchesOnlyTheFirstDayAndAnEmptySessionNone() {
        assertThat(SessionDays.split(session(D0 + 23 * HOUR), D0 + DAY, false, 7)).extracting(SessionDayRow::day)
                .containsExactly(D0);
        assertThat(SessionDays.split(session(D0), D0, false, 7)).isEmpty();
    }
}

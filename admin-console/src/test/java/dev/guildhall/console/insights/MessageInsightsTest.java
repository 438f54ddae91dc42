package dev.guildhall.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageInsightsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:42Z");

    @Test
    void fillsEveryMinuteOfTheHourAndListsActiveMinutesNewestFirst() {
        List<Object[]> asked = new ArrayList<>();
        MessageCountsReader reader = (guild, from, to) -> {
            asked.add(new Object[] {guild, from, to});
            return List.of(
                    new MinuteMessages(Instant.parse("2026-11-28T09:20:00Z"), 3),
                    new MinuteMessages(Instant.parse("2026-11-28T10:15:00Z"), 5),
                    new MinuteMessages(Instant.parse("2026-11-28T09:00:00Z"), 99)); // outside: dropped
        };
        MessageActivity a = new MessageInsights(reader, Duration.ofMinutes(60), Clock.fixed(NOW, ZoneOffset.UTC))
                .lastWindow(77L);

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(77L, Instant.parse("2026-11-28T09:16:00Z"),
                Instant.parse("2026-11-28T10:16:00Z"));
        assertThat(a.minutes()).hasSize(60);
        assertThat(a.minutes().get(0).minute()).isEqualTo(Instant.parse("2026-11-28T09:16:00Z"));
        assertThat(a.active()).containsExactly(
                new MinuteMessages(Instant.parse("2026-11-28T10:15:00Z"), 5),
                new MinuteMessages(Instant.parse("2026-11-28T09:20:00Z"), 3));
        assertThat(a.total()).isEqualTo(8);
    }

    @Test
    void emptyHourIsEmpty() {
        MessageActivity a = new MessageInsights((g, f, t) -> List.of(), Duration.ofMinutes(60),
                Clock.fixed(NOW, ZoneOffset.UTC)).lastWindow(1L);
        assertThat(a.isEmpty()).isTrue();
        assertThat(a.minutes()).hasSize(60).allMatch(m -> m.messages() == 0);
    }
}

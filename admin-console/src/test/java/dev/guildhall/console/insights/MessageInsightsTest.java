package dev.guildhall.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageInsightsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:42Z");

    /** An in-memory reader that records what it was asked. */
    private static final class Reader implements MessageCountsReader {
        final List<Object[]> asked = new ArrayList<>();
        final List<MinuteMessages> minutes;
        final List<ChannelMessages> channels;

        Reader(List<MinuteMessages> minutes, List<ChannelMessages> channels) {
            this.minutes = minutes;
            this.channels = channels;
        }

        @Override
        public List<MinuteMessages> messagesPerMinute(long guildId, Instant from, Instant to) {
            asked.add(new Object[] {guildId, from, to});
            return minutes;
        }

        @Override
        public List<ChannelMessages> messagesPerChannel(long guildId, Instant from, Instant to) {
            asked.add(new Object[] {guildId, from, to});
            return channels;
        }
    }

    private static MessageInsights insights(Reader reader) {
        return new MessageInsights(reader, Duration.ofMinutes(60), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void fillsEveryMinuteOfTheHourAndListsActiveMinutesNewestFirst() {
        Reader reader = new Reader(List.of(
                new MinuteMessages(Instant.parse("2026-11-28T09:20:00Z"), 3),
                new MinuteMessages(Instant.parse("2026-11-28T10:15:00Z"), 5),
                new MinuteMessages(Instant.parse("2026-11-28T09:00:00Z"), 99)), List.of()); // 09:00 is outside
        MessageActivity a = insights(reader).lastWindow(77L);

        assertThat(reader.asked).hasSize(1);
        assertThat(reader.asked.get(0)).containsExactly(77L, Instant.parse("2026-11-28T09:16:00Z"),
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
        MessageActivity a = insights(new Reader(List.of(), List.of())).lastWindow(1L);
        assertThat(a.isEmpty()).isTrue();
        assertThat(a.minutes()).hasSize(60).allMatch(m -> m.messages() == 0);
    }

    @Test
    void channelsAreNamedFromCoreServerOrMarkedUnknown() {
        Reader reader = new Reader(List.of(), List.of(new ChannelMessages(5L, 9), new ChannelMessages(6L, 2),
                new ChannelMessages(7L, 0)));
        assertThat(insights(reader).channelsLastWindow(1L, Map.of(5L, "general")))
                .containsExactly(new ChannelActivity(5L, "general", 9),
                        new ChannelActivity(6L, "channel 6 (unknown)", 2));
        assertThat(reader.asked.get(0)).containsExactly(1L, Instant.parse("2026-11-28T09:16:00Z"),
                Instant.parse("2026-11-28T10:16:00Z"));
    }
}

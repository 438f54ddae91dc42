package dev.guildhall.console.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.FakeCoreServer;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.warehouse.queries.ChannelCount;
import dev.guildhall.warehouse.queries.ChannelVoiceMinutes;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.WeekCount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OwnerInsights} over a stand-in core-server (real socket) and a recording warehouse reader. */
class OwnerInsightsTest {

    private static final LocalDate MON = LocalDate.parse("2026-01-05");

    private FakeCoreServer core;
    private OwnerInsights insights;
    private final List<String> calls = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsoleUser alice = new ConsoleUser("alice", 42, "tok-alice", Set.of("OWNER"));

    @BeforeEach
    void start() throws Exception {
        core = new FakeCoreServer().user("alice", "pw", 42L,
                "[{\"id\":\"1001\",\"name\":\"Alpha\",\"owner\":true,\"permissions\":\"2147483647\"},"
                        + "{\"id\":\"1002\",\"name\":\"Beta\",\"owner\":false,\"permissions\":\"8\"}]");
        CoreServerClient client = new CoreServerClient(core.url(), Duration.ofSeconds(2));
        insights = new OwnerInsights(new GuildScope(client), client, new RecordingReader(), meters,
                Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void readsAnOwnedGuildWithHalfOpenBoundsAndNamesItsChannels() {
        InsightsReport report = insights.report(alice, 1001, new DateRange(MON, MON.plusDays(6)));
        assertThat(calls).containsExactlyInAnyOrder(
                "channelTotals 1001 2026-01-05T00:00:00Z 2026-01-12T00:00:00Z",
                "memberGrowth 1001 2026-01-05 2026-01-12",
                "messagesPerDay 1001 2026-01-05 2026-01-12",
                "dailyActiveUsers 1001 2026-01-05 2026-01-12",
                "weeklyActiveUsers 1001 2026-01-05 2026-01-12",
                "newMemberRetention 1001 2026-01-05 2026-01-12",
                "busiestHours 1001 2026-01-05T00:00:00Z 2026-01-12T00:00:00Z",
                "voiceMinutesPerDay 1001 2026-01-05 2026-01-12",
                "voiceMinutesPerChannel 1001 2026-01-05 2026-01-12");
        assertThat(report.channels()).containsExactly(new ChannelActivity(5, "general", 9),
                new ChannelActivity(77, "channel 77 (unknown)", 2));
        assertThat(report.today()).isEqualTo(LocalDate.parse("2026-01-20"));
        assertThat(report.messagesPerDay()).containsExactly(new DayCount(MON, 11));
        assertThat(report.voiceChannels()).containsExactly(new VoiceChannelActivity(5, "general", 12.5, 2),
                new VoiceChannelActivity(79, "channel 79 (unknown)", 1.0, 1));
    }

    @Test
    void aGuildTheUserDoesNotOwnIsRefusedBeforeTheWarehouseIsAsked() {
        // Beta: ADMINISTRATOR there, but not the owner; 1003: not a member at all
        for (long guild : new long[] {1002, 1003}) {
            assertThatThrownBy(() -> insights.report(alice, guild, new DateRange(MON, MON)))
                    .isInstanceOf(GuildAccessDeniedException.class);
        }
        InsightsTable table = new InsightsTable("members", List.of("Day (UTC)"), List.of(List.of("2026-01-05")));
        assertThatThrownBy(() -> insights.csv(alice, 1002, table)).isInstanceOf(GuildAccessDeniedException.class);
        assertThat(calls).isEmpty();
        assertThat(new String(insights.csv(alice, 1001, table), StandardCharsets.UTF_8))
                .isEqualTo("Day (UTC)\r\n2026-01-05\r\n");
        assertThat(meters.counter("guildhall.console.csv.downloads", "table", "members").count()).isEqualTo(1.0);
        assertThat(insights.guilds(alice)).extracting(g -> g.id()).containsExactly(1001L);
    }

    private final class RecordingReader implements OwnerInsightsReader {
        private void call(String name, long guild, Object from, Object to) {
            calls.add(name + " " + guild + " " + from + " " + to);
        }

        @Override
        public List<MemberDay> memberGrowth(long guildId, LocalDate from, LocalDate to) {
            call("memberGrowth", guildId, from, to);
            return List.of();
        }

        @Override
        public List<DayCount> messagesPerDay(long guildId, LocalDate from, LocalDate to) {
            call("messagesPerDay", guildId, from, to);
            return List.of(new DayCount(MON, 11));
        }

        @Override
        public List<ChannelCount> channelTotals(long guildId, Instant from, Instant to) {
            call("channelTotals", guildId, from, to);
            return List.of(new ChannelCount(5, 9), new ChannelCount(77, 2), new ChannelCount(78, 0));
        }

        @Override
        public List<DayCount> dailyActiveUsers(long guildId, LocalDate from, LocalDate to) {
            call("dailyActiveUsers", guildId, from, to);
            return List.of();
        }

        @Override
        public List<WeekCount> weeklyActiveUsers(long guildId, LocalDate from, LocalDate to) {
            call("weeklyActiveUsers", guildId, from, to);
            return List.of();
        }

        @Override
        public List<CohortRetention> newMemberRetention(long guildId, LocalDate from, LocalDate to) {
            call("newMemberRetention", guildId, from, to);
            return List.of();
        }

        @Override
        public List<HourOfWeekCount> busiestHours(long guildId, Instant from, Instant to) {
            call("busiestHours", guildId, from, to);
            return List.of();
        }

        @Override
        public List<VoiceDay> voiceMinutesPerDay(long guildId, LocalDate from, LocalDate to) {
            call("voiceMinutesPerDay", guildId, from, to);
            return List.of();
        }

        @Override
        public List<ChannelVoiceMinutes> voiceMinutesPerChannel(long guildId, LocalDate from, LocalDate to) {
            call("voiceMinutesPerChannel", guildId, from, to);
            return List.of(new ChannelVoiceMinutes(5, 12.5, 2), new ChannelVoiceMinutes(79, 1.0, 1));
        }
    }
}

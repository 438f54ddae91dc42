package dev.guildhall.console.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.WeekCount;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightsReportTest {

    private static final LocalDate MON = LocalDate.parse("2026-01-05");

    private static InsightsReport report(LocalDate today) {
        return new InsightsReport(new DateRange(MON, MON.plusDays(6)), today,
                List.of(new MemberDay(MON, 5, 2), new MemberDay(MON.plusDays(2), 1, 4)),
                List.of(new DayCount(MON, 12), new DayCount(MON.plusDays(1), 4)),
                List.of(new ChannelActivity(10, "general", 14), new ChannelActivity(11, "=cmd, \"x\"", 2)),
                List.of(new DayCount(MON, 2)),
                List.of(new WeekCount(MON, 3)),
                List.of(new CohortRetention(MON, 3, 2, 1, 0), new CohortRetention(MON.plusDays(1), 0, 0, 0, 0)),
                List.of(new HourOfWeekCount(1, 10, 16), new HourOfWeekCount(2, 23, 4)),
                List.of(new VoiceDay(MON, 90.25, 3, 4), new VoiceDay(MON.plusDays(3), 0.04, 1, 1)),
                List.of(new VoiceChannelActivity(20, "Lounge", 90.29, 3)));
    }

    @Test
    void memberTableAddsNetAndRunningGrowth() {
        assertThat(report(MON.plusDays(40)).membersTable().rows()).containsExactly(
                List.of("2026-01-05", "5", "2", "3", "3"),
                List.of("2026-01-07", "1", "4", "-3", "0"));
    }

    @Test
    void retentionShowsPercentagesAndNotYetForCohortsTooYoung() {
        // today = Monday + 8: the Monday cohort reached 1 and 7 days, not 30; Tuesday's reached 1 and 7 too
        assertThat(report(MON.plusDays(8)).retentionTable().rows()).containsExactly(
                List.of("2026-01-05", "3", "2", "66.7%", "1", "33.3%", "0", "not yet"),
                List.of("2026-01-06", "0", "0", "0.0%", "0", "0.0%", "0", "not yet"));
        assertThat(report(MON.plusDays(35)).retentionTable().rows().get(0).get(7)).isEqualTo("0.0%");
    }

    @Test
    void otherTablesShowTheQueryRowsAsTheyCame() {
        InsightsReport r = report(MON.plusDays(40));
        assertThat(r.messagesPerDayTable().rows()).containsExactly(List.of("2026-01-05", "12"),
                List.of("2026-01-06", "4"));
        assertThat(r.channelsTable().rows().get(0)).containsExactly("general", "10", "14");
        assertThat(r.dailyActiveTable().rows()).containsExactly(List.of("2026-01-05", "2"));
        assertThat(r.weeklyActiveTable().rows()).containsExactly(List.of("2026-01-05", "3"));
        assertThat(r.busiestHoursTable().rows()).containsExactly(List.of("Monday", "10:00–11:00", "16"),
                List.of("Tuesday", "23:00–00:00", "4"));
        assertThat(r.totalMessages()).isEqualTo(16);
        assertThat(r.totalJoins()).isEqualTo(6);
        assertThat(r.totalLeaves()).isEqualTo(6);
        assertThat(r.isEmpty()).isFalse();
        assertThat(r.tables()).extracting(InsightsTable::id).containsExactly("members", "messages-per-day",
                "messages-per-channel", "daily-active-users", "weekly-active-users", "retention", "busiest-hours",
                "voice-minutes-per-day", "voice-minutes-per-channel");
    }

    @Test
    void voiceMinutesShowWithOneDecimal() {
        InsightsReport r = report(MON.plusDays(40));
        assertThat(r.voicePerDayTable().rows()).containsExactly(List.of("2026-01-05", "90.3", "3", "4"),
                List.of("2026-01-08", "0.0", "1", "1"));
        assertThat(r.voiceChannelsTable().toCsv())
                .isEqualTo("Channel,Channel id,Voice minutes,Users\r\nLounge,20,90.3,3\r\n");
        assertThat(InsightsReport.minutes(r.totalVoiceMinutes())).isEqualTo("90.3");
    }

    @Test
    void csvHasTheSameCellsQuotedAndSafeForSpreadsheets() {
        String csv = report(MON.plusDays(40)).channelsTable().toCsv();
        assertThat(csv).isEqualTo("Channel,Channel id,Messages\r\ngeneral,10,14\r\n\"'=cmd, \"\"x\"\"\",11,2\r\n");
        assertThat(report(MON.plusDays(40)).membersTable().toCsv()).contains("2026-01-07,1,4,-3,0\r\n");
    }

    @Test
    void anEmptyReportIsEmptyAndRowsMustFitTheColumns() {
        InsightsReport empty = new InsightsReport(new DateRange(MON, MON), MON, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.membersTable().toCsv()).isEqualTo("Day (UTC),Joins,Leaves,Net,Growth in range\r\n");
        assertThatThrownBy(() -> new InsightsTable("t", List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

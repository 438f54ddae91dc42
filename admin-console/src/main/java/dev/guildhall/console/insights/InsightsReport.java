package dev.guildhall.console.insights;

import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.WeekCount;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A guild's insights over a date range, as the warehouse's named queries answered, and the tables the page shows
 * and exports. Pure: no I/O.
 *
 * @param today the current UTC day (a retention cohort younger than N days shows "not yet" for N)
 */
public record InsightsReport(
        DateRange range,
        LocalDate today,
        List<MemberDay> members,
        List<DayCount> messagesPerDay,
        List<ChannelActivity> channels,
        List<DayCount> dailyActiveUsers,
        List<WeekCount> weeklyActiveUsers,
        List<CohortRetention> retention,
        List<HourOfWeekCount> busiestHours,
        List<VoiceDay> voicePerDay,
        List<VoiceChannelActivity> voiceChannels) {

    public static final String NOT_YET = "not yet";

    public InsightsReport {
        members = List.copyOf(members);
        messagesPerDay = List.copyOf(messagesPerDay);
        channels = List.copyOf(channels);
        dailyActiveUsers = List.copyOf(dailyActiveUsers);
        weeklyActiveUsers = List.copyOf(weeklyActiveUsers);
        retention = List.copyOf(retention);
        busiestHours = List.copyOf(busiestHours);
        voicePerDay = List.copyOf(voicePerDay);
        voiceChannels = List.copyOf(voiceChannels);
    }

    /** Joins, leaves, net change per day and the running growth since the first day of the range. */
    public InsightsTable membersTable() {
        List<List<String>> rows = new ArrayList<>();
        long growth = 0;
        for (MemberDay d : members) {
            growth += d.net();
            rows.add(List.of(d.day().toString(), n(d.joins()), n(d.leaves()), n(d.net()), n(growth)));
        }
        return new InsightsTable("members", List.of("Day (UTC)", "Joins", "Leaves", "Net", "Growth in range"), rows);
    }

    public InsightsTable messagesPerDayTable() {
        return new InsightsTable("messages-per-day", List.of("Day (UTC)", "Messages"),
                messagesPerDay.stream().map(d -> List.of(d.day().toString(), n(d.count()))).toList());
    }

    public InsightsTable channelsTable() {
        return new InsightsTable("messages-per-channel", List.of("Channel", "Channel id", "Messages"),
                channels.stream().map(c -> List.of(c.name(), Long.toString(c.channelId()), n(c.messages()))).toList());
    }

    public InsightsTable dailyActiveTable() {
        return new InsightsTable("daily-active-users", List.of("Day (UTC)", "Active users"),
                dailyActiveUsers.stream().map(d -> List.of(d.day().toString(), n(d.count()))).toList());
    }

    public InsightsTable weeklyActiveTable() {
        return new InsightsTable("weekly-active-users", List.of("Week of (Monday, UTC)", "Active users"),
                weeklyActiveUsers.stream().map(w -> List.of(w.week().toString(), n(w.count()))).toList());
    }

    /** Per join day: members who joined, and how many posted again at least 1, 7 and 30 days later (with %). */
    public InsightsTable retentionTable() {
        List<List<String>> rows = new ArrayList<>();
        for (CohortRetention c : retention) {
            rows.add(List.of(c.day().toString(), n(c.joined()),
                    n(c.activeAfter1Day()), percent(c, c.activeAfter1Day(), 1),
                    n(c.activeAfter7Days()), percent(c, c.activeAfter7Days(), 7),
                    n(c.activeAfter30Days()), percent(c, c.activeAfter30Days(), 30)));
        }
        return new InsightsTable("retention", List.of("Join day (UTC)", "Joined", "Day 1", "Day 1 %", "Day 7",
                "Day 7 %", "Day 30", "Day 30 %"), rows);
    }

    /** Hours of the week with messages, busiest first (the heatmap shows the same cells). */
    public InsightsTable busiestHoursTable() {
        return new InsightsTable("busiest-hours", List.of("Weekday", "Hour (UTC)", "Messages"),
                busiestHours.stream().map(h -> List.of(weekday(h.dayOfWeek()), hour(h.hour()), n(h.messages())))
                        .toList());
    }

    /** Voice minutes (one decimal), distinct users and sessions per day with voice. */
    public InsightsTable voicePerDayTable() {
        return new InsightsTable("voice-minutes-per-day", List.of("Day (UTC)", "Voice minutes", "Users", "Sessions"),
                voicePerDay.stream().map(d -> List.of(d.day().toString(), minutes(d.minutes()), n(d.users()),
                        n(d.sessions()))).toList());
    }

    public InsightsTable voiceChannelsTable() {
        return new InsightsTable("voice-minutes-per-channel",
                List.of("Channel", "Channel id", "Voice minutes", "Users"),
                voiceChannels.stream().map(c -> List.of(c.name(), Long.toString(c.channelId()), minutes(c.minutes()),
                        n(c.users()))).toList());
    }

    /** Every table, in page order. */
    public List<InsightsTable> tables() {
        return List.of(membersTable(), messagesPerDayTable(), channelsTable(), dailyActiveTable(),
                weeklyActiveTable(), retentionTable(), busiestHoursTable(), voicePerDayTable(),
                voiceChannelsTable());
    }

    public double totalVoiceMinutes() {
        return voicePerDay.stream().mapToDouble(VoiceDay::minutes).sum();
    }

    /** Minutes as shown and exported: one decimal. */
    public static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes);
    }

    /** Whether nothing at all was recorded for the guild in the range. */
    public boolean isEmpty() {
        return tables().stream().allMatch(InsightsTable::isEmpty);
    }

    public long totalMessages() {
        return messagesPerDay.stream().mapToLong(DayCount::count).sum();
    }

    public long totalJoins() {
        return members.stream().mapToLong(MemberDay::joins).sum();
    }

    public long totalLeaves() {
        return members.stream().mapToLong(MemberDay::leaves).sum();
    }

    /** "Monday" … "Sunday" for ISO day numbers 1 … 7. */
    public static String weekday(int isoDay) {
        return DayOfWeek.of(isoDay).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** "09:00–10:00". */
    public static String hour(int hour) {
        return String.format(Locale.ROOT, "%02d:00–%02d:00", hour, (hour + 1) % 24);
    }

    private String percent(CohortRetention c, long active, int days) {
        if (c.day().plusDays(days).isAfter(today)) {
            return NOT_YET;
        }
        return c.joined() == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * active / c.joined());
    }

    private static String n(long value) {
        return Long.toString(value);
    }
}

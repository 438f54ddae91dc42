package dev.guildhall.console.insights;

import dev.guildhall.warehouse.queries.ChannelCount;
import dev.guildhall.warehouse.queries.ChannelVoiceMinutes;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.WeekCount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The warehouse's named queries behind a server owner's insights (warehouse-schemas' {@code InsightsQueries},
 * {@code ConsoleQueries} and {@code VoiceMinutesQueries} in production). Day ranges are half-open {@code [from, to)}.
 */
public interface OwnerInsightsReader {

    List<MemberDay> memberGrowth(long guildId, LocalDate from, LocalDate to);

    List<DayCount> messagesPerDay(long guildId, LocalDate from, LocalDate to);

    /** Messages per channel over [from, to), busiest first. */
    List<ChannelCount> channelTotals(long guildId, Instant from, Instant to);

    List<DayCount> dailyActiveUsers(long guildId, LocalDate from, LocalDate to);

    List<WeekCount> weeklyActiveUsers(long guildId, LocalDate from, LocalDate to);

    List<CohortRetention> newMemberRetention(long guildId, LocalDate from, LocalDate to);

    List<HourOfWeekCount> busiestHours(long guildId, Instant from, Instant to);

    List<VoiceDay> voiceMinutesPerDay(long guildId, LocalDate from, LocalDate to);

    /** Voice minutes per channel over the days, busiest first. */
    List<ChannelVoiceMinutes> voiceMinutesPerChannel(long guildId, LocalDate from, LocalDate to);
}

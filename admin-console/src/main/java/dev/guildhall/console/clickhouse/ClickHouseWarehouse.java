package dev.guildhall.console.clickhouse;

import dev.guildhall.console.insights.ChannelMessages;
import dev.guildhall.console.insights.MessageCountsReader;
import dev.guildhall.console.insights.MinuteMessages;
import dev.guildhall.console.insights.OwnerInsightsReader;
import dev.guildhall.console.voice.VoiceDashboardReader;
import dev.guildhall.warehouse.queries.AlertSpan;
import dev.guildhall.warehouse.queries.ChannelCount;
import dev.guildhall.warehouse.queries.ChannelVoiceMinutes;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.HeatCell;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceQueries;
import dev.guildhall.warehouse.queries.VoiceServerQuality;
import dev.guildhall.warehouse.queries.WeekCount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The console's readers over {@link ConsoleQueries}, {@link InsightsQueries}, {@link VoiceQueries} and
 * {@link VoiceMinutesQueries} (ClickHouse).
 */
@Component
public class ClickHouseWarehouse implements MessageCountsReader, OwnerInsightsReader, VoiceDashboardReader {

    /** Worst servers and guilds need at least this many samples in the recent minutes to rank. */
    static final long MIN_RANK_SAMPLES = 1;

    private final ConsoleQueries queries;
    private final InsightsQueries insights;
    private final VoiceQueries voice;
    private final VoiceMinutesQueries voiceMinutes;
    private final MeterRegistry meters;

    public ClickHouseWarehouse(ConsoleQueries queries, InsightsQueries insights, VoiceQueries voice,
                               VoiceMinutesQueries voiceMinutes, MeterRegistry meters) {
        this.queries = queries;
        this.insights = insights;
        this.voice = voice;
        this.voiceMinutes = voiceMinutes;
        this.meters = meters;
        for (String query : new String[] {"messagesPerMinute", "messagesPerChannel", "memberGrowth",
            "messagesPerDay", "channelTotals", "dailyActiveUsers", "weeklyActiveUsers", "newMemberRetention",
            "busiestHours", "voiceMinutesPerDay", "voiceMinutesPerChannel", "qualityByRegion", "qualityByServer",
            "regionHeatmap", "worstVoiceServers", "worstGuilds", "openAlerts", "openAlertCount", "alertsBetween"}) {
            timer(query, "ok"); // visible from the start
        }
    }

    private Timer timer(String query, String outcome) {
        return Timer.builder("guildhall.console.warehouse.query").tag("query", query).tag("outcome", outcome)
                .register(meters);
    }

    /** Times each warehouse query ({@code guildhall_console_warehouse_query_seconds{query,outcome}}). */
    private <T> T timed(String query, Supplier<T> call) {
        long t0 = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } finally {
            timer(query, outcome).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public List<MinuteMessages> messagesPerMinute(long guildId, Instant from, Instant to) {
        return timed("messagesPerMinute", () -> queries.messagesPerMinute(guildId, from, to)).stream()
                .map(m -> new MinuteMessages(m.minute(), m.messages()))
                .toList();
    }

    @Override
    public List<ChannelMessages> messagesPerChannel(long guildId, Instant from, Instant to) {
        return timed("messagesPerChannel", () -> queries.messagesPerChannel(guildId, from, to)).stream()
                .map(c -> new ChannelMessages(c.channelId(), c.messages()))
                .toList();
    }

    @Override
    public List<MemberDay> memberGrowth(long guildId, LocalDate from, LocalDate to) {
        return timed("memberGrowth", () -> insights.memberGrowth(guildId, from, to));
    }

    @Override
    public List<DayCount> messagesPerDay(long guildId, LocalDate from, LocalDate to) {
        return timed("messagesPerDay", () -> insights.messagesPerDay(guildId, from, to));
    }

    /** Per-channel totals over a date range (the same named query as the live view, timed apart). */
    @Override
    public List<ChannelCount> channelTotals(long guildId, Instant from, Instant to) {
        return timed("channelTotals", () -> queries.messagesPerChannel(guildId, from, to));
    }

    @Override
    public List<DayCount> dailyActiveUsers(long guildId, LocalDate from, LocalDate to) {
        return timed("dailyActiveUsers", () -> insights.dailyActiveUsers(guildId, from, to));
    }

    @Override
    public List<WeekCount> weeklyActiveUsers(long guildId, LocalDate from, LocalDate to) {
        return timed("weeklyActiveUsers", () -> insights.weeklyActiveUsers(guildId, from, to));
    }

    @Override
    public List<CohortRetention> newMemberRetention(long guildId, LocalDate from, LocalDate to) {
        return timed("newMemberRetention", () -> insights.newMemberRetention(guildId, from, to));
    }

    @Override
    public List<HourOfWeekCount> busiestHours(long guildId, Instant from, Instant to) {
        return timed("busiestHours", () -> insights.busiestHours(guildId, from, to));
    }

    @Override
    public List<VoiceDay> voiceMinutesPerDay(long guildId, LocalDate from, LocalDate to) {
        return timed("voiceMinutesPerDay", () -> voiceMinutes.voiceMinutesPerDay(guildId, from, to));
    }

    @Override
    public List<ChannelVoiceMinutes> voiceMinutesPerChannel(long guildId, LocalDate from, LocalDate to) {
        return timed("voiceMinutesPerChannel", () -> voiceMinutes.voiceMinutesPerChannel(guildId, from, to));
    }

    @Override
    public List<VoiceQualityPoint> qualityByRegion(Instant from, Instant to, Duration bucket) {
        return timed("qualityByRegion", () -> voice.qualityByRegion(from, to, bucket));
    }

    @Override
    public List<VoiceQualityPoint> qualityByServer(String region, Instant from, Instant to, Duration bucket) {
        return timed("qualityByServer", () -> voice.qualityByServer(region, from, to, bucket));
    }

    @Override
    public List<HeatCell> regionHeatmap(VoiceMetric metric, Instant from, Instant to, Duration bucket) {
        return timed("regionHeatmap", () -> voice.regionHeatmap(metric, from, to, bucket));
    }

    @Override
    public List<VoiceServerQuality> worstVoiceServers(VoiceMetric metric, Instant now, int minutes, int limit) {
        return timed("worstVoiceServers",
                () -> voice.worstVoiceServers(metric, now, minutes, MIN_RANK_SAMPLES, limit));
    }

    @Override
    public List<GuildVoiceQuality> worstGuilds(VoiceMetric metric, Instant now, int minutes, int limit) {
        return timed("worstGuilds", () -> voice.worstGuilds(metric, now, minutes, MIN_RANK_SAMPLES, limit));
    }

    @Override
    public List<AlertSpan> openAlerts(int limit) {
        return timed("openAlerts", () -> voice.openAlerts(limit));
    }

    @Override
    public long openAlertCount() {
        return timed("openAlertCount", voice::openAlertCount);
    }

    @Override
    public List<AlertSpan> alertsBetween(Instant from, Instant to, int limit) {
        return timed("alertsBetween", () -> voice.alertsBetween(from, to, limit));
    }
}

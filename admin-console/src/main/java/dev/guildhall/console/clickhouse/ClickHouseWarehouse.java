package dev.guildhall.console.clickhouse;

import dev.guildhall.console.insights.ChannelMessages;
import dev.guildhall.console.insights.MessageCountsReader;
import dev.guildhall.console.insights.MinuteMessages;
import dev.guildhall.console.insights.OwnerInsightsReader;
import dev.guildhall.console.voice.RegionMinute;
import dev.guildhall.console.voice.VoiceAlert;
import dev.guildhall.console.voice.VoiceQualityReader;
import dev.guildhall.warehouse.queries.ChannelCount;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.WeekCount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The console's readers over {@link ConsoleQueries} and {@link InsightsQueries} (ClickHouse). */
@Component
public class ClickHouseWarehouse implements MessageCountsReader, VoiceQualityReader, OwnerInsightsReader {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseWarehouse.class);

    private final ConsoleQueries queries;
    private final InsightsQueries insights;
    private final MeterRegistry meters;

    public ClickHouseWarehouse(ConsoleQueries queries, InsightsQueries insights, MeterRegistry meters) {
        this.queries = queries;
        this.insights = insights;
        this.meters = meters;
        for (String query : new String[] {"messagesPerMinute", "messagesPerChannel", "voiceQualityByRegion",
            "recentAlerts", "memberGrowth", "messagesPerDay", "channelTotals", "dailyActiveUsers",
            "weeklyActiveUsers", "newMemberRetention", "busiestHours"}) {
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
    public List<RegionMinute> voiceQualityByRegion(Instant from, Instant to) {
        return timed("voiceQualityByRegion", () -> queries.voiceQualityByRegion(from, to)).stream()
                .map(r -> new RegionMinute(r.region(), r.minute(), r.samples(), r.jitterP95Ms(), r.lossRatio()))
                .toList();
    }

    @Override
    public Optional<List<VoiceAlert>> recentAlerts(int limit) {
        try {
            return Optional.of(timed("recentAlerts", () -> queries.recentAlerts(limit)).stream()
                    .map(a -> new VoiceAlert(a.occurredAt(), a.region(), a.metric(), a.state(), a.value(),
                            a.threshold()))
                    .toList());
        } catch (RuntimeException e) {
            log.warn("event=alerts_query_failed error={}", e.getMessage());
            return Optional.empty();
        }
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
}

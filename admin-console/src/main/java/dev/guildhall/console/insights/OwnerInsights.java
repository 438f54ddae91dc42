package dev.guildhall.console.insights;

import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.clickhouse.ConcurrentQueries;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * A server owner's insights for one of their guilds: checks on the server, at every call, that the user owns the
 * guild (core-server's answer), then runs the warehouse's named queries for the date range, side by side
 * ({@link ConcurrentQueries}).
 */
@Service
public class OwnerInsights {

    private static final Logger log = LoggerFactory.getLogger(OwnerInsights.class);

    private final GuildScope scope;
    private final CoreServerClient core;
    private final OwnerInsightsReader reader;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentQueries queries;

    @Autowired
    public OwnerInsights(GuildScope scope, CoreServerClient core, OwnerInsightsReader reader, MeterRegistry meters,
                         ConcurrentQueries queries) {
        this(scope, core, reader, meters, Clock.systemUTC(), queries);
    }

    /** Queries one after the other on the caller's thread. */
    public OwnerInsights(GuildScope scope, CoreServerClient core, OwnerInsightsReader reader, MeterRegistry meters,
                         Clock clock) {
        this(scope, core, reader, meters, clock, ConcurrentQueries.sequential());
    }

    public OwnerInsights(GuildScope scope, CoreServerClient core, OwnerInsightsReader reader, MeterRegistry meters,
                         Clock clock, ConcurrentQueries queries) {
        this.scope = scope;
        this.core = core;
        this.reader = reader;
        this.meters = meters;
        this.clock = clock;
        this.queries = queries;
    }

    /** The guilds the user owns (the picker). */
    public List<GuildSummary> guilds(ConsoleUser user) {
        return scope.ownedGuilds(user);
    }

    /**
     * The CSV of a table the user was shown, after checking again that they own the guild
     * ({@code guildhall_console_csv_downloads_total{table}}).
     *
     * @throws dev.guildhall.console.auth.GuildAccessDeniedException when they no longer own it
     */
    public byte[] csv(ConsoleUser user, long guildId, InsightsTable shown) {
        scope.requireOwned(user, guildId);
        meters.counter("guildhall.console.csv.downloads", "table", shown.id()).increment();
        log.info("event=insights_csv user={} guild={} table={} rows={}", user.getName(), guildId, shown.id(),
                shown.rows().size());
        return shown.toCsvBytes();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * Reads the insights of an owned guild.
     *
     * @throws dev.guildhall.console.auth.GuildAccessDeniedException when the user does not own the guild
     * @throws CoreUnavailableException when core-server cannot say which guilds they own
     * @throws RuntimeException         from the warehouse when ClickHouse cannot be read
     */
    public InsightsReport report(ConsoleUser user, long guildId, DateRange range) {
        scope.requireOwned(user, guildId);
        LocalDate from = range.from();
        LocalDate to = range.endExclusive();
        CompletableFuture<Map<Long, String>> names = queries.start(() -> channelNames(user, guildId));
        var totals = queries.start(() -> reader.channelTotals(guildId, range.start(), range.end()));
        var growth = queries.start(() -> reader.memberGrowth(guildId, from, to));
        var perDay = queries.start(() -> reader.messagesPerDay(guildId, from, to));
        var daily = queries.start(() -> reader.dailyActiveUsers(guildId, from, to));
        var weekly = queries.start(() -> reader.weeklyActiveUsers(guildId, from, to));
        var retention = queries.start(() -> reader.newMemberRetention(guildId, from, to));
        var hours = queries.start(() -> reader.busiestHours(guildId, range.start(), range.end()));
        var voiceDays = queries.start(() -> reader.voiceMinutesPerDay(guildId, from, to));
        var voiceChannels = queries.start(() -> reader.voiceMinutesPerChannel(guildId, from, to));
        Map<Long, String> channelNames = ConcurrentQueries.answer(names);
        List<ChannelActivity> channels = ConcurrentQueries.answer(totals).stream()
                .filter(c -> c.messages() > 0)
                .map(c -> new ChannelActivity(c.channelId(),
                        channelNames.getOrDefault(c.channelId(), "channel " + c.channelId() + " (unknown)"),
                        c.messages()))
                .toList();
        return new InsightsReport(range, today(),
                ConcurrentQueries.answer(growth),
                ConcurrentQueries.answer(perDay),
                channels,
                ConcurrentQueries.answer(daily),
                ConcurrentQueries.answer(weekly),
                ConcurrentQueries.answer(retention),
                ConcurrentQueries.answer(hours),
                ConcurrentQueries.answer(voiceDays),
                ConcurrentQueries.answer(voiceChannels).stream()
                        .map(c -> new VoiceChannelActivity(c.channelId(),
                                channelNames.getOrDefault(c.channelId(), "channel " + c.channelId() + " (unknown)"),
                                c.minutes(), c.users()))
                        .toList());
    }

    /** Channel names from core-server; without them channels show by id. */
    private Map<Long, String> channelNames(ConsoleUser user, long guildId) {
        try {
            return core.guildChannels(user.token(), guildId);
        } catch (CoreUnavailableException e) {
            log.warn("event=channel_names_failed guild={} error={}", guildId, e.getMessage());
            return Map.of();
        }
    }
}

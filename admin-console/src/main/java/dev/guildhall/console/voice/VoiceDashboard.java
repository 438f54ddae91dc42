package dev.guildhall.console.voice;

import dev.guildhall.console.clickhouse.ConcurrentQueries;
import dev.guildhall.warehouse.queries.TimeBuckets;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Reads one selection of the SRE voice dashboard through the named voice queries, every answer bounded: the time
 * series at most {@link TimeBuckets#MAX_POINTS} buckets per series, rankings {@value #RANK_LIMIT} rows, open alerts
 * the {@value #OPEN_ALERT_LIMIT} newest (with the count of all), the range's alerts {@value #ALERT_LIMIT}. The
 * independent queries run side by side ({@link ConcurrentQueries}).
 */
@Service
public class VoiceDashboard {

    /** "Right now" for the worst servers and guilds: the last five minutes. */
    public static final int RECENT_MINUTES = 5;
    static final int RANK_LIMIT = 10;
    static final int ALERT_LIMIT = 50;
    static final int OPEN_ALERT_LIMIT = 50;

    private final VoiceDashboardReader reader;
    private final Clock clock;
    private final ConcurrentQueries queries;

    @Autowired
    public VoiceDashboard(VoiceDashboardReader reader, ConcurrentQueries queries) {
        this(reader, Clock.systemUTC(), queries);
    }

    /** Queries one after the other on the caller's thread. */
    public VoiceDashboard(VoiceDashboardReader reader, Clock clock) {
        this(reader, clock, ConcurrentQueries.sequential());
    }

    public VoiceDashboard(VoiceDashboardReader reader, Clock clock, ConcurrentQueries queries) {
        this.reader = reader;
        this.clock = clock;
        this.queries = queries;
    }

    /**
     * @param region one region to break down per voice server, or null for all regions; a region without samples
     *               in the range falls back to all regions
     */
    public VoiceDashboardReport load(TimeRange range, String region, VoiceMetric metric) {
        Instant now = clock.instant();
        Instant to = TimeRange.end(now);
        Instant from = range.start(to);
        Duration bucket = TimeBuckets.forRange(from, to, range.bucket());
        var regionSeries = queries.start(() -> reader.qualityByRegion(from, to, bucket));
        var heatmap = queries.start(() -> reader.regionHeatmap(metric, from, to, bucket));
        var worstServers = queries.start(() -> reader.worstVoiceServers(metric, to, RECENT_MINUTES, RANK_LIMIT));
        var worstGuilds = queries.start(() -> reader.worstGuilds(metric, to, RECENT_MINUTES, RANK_LIMIT));
        var openAlerts = queries.start(() -> reader.openAlerts(OPEN_ALERT_LIMIT));
        var openAlertCount = queries.start(reader::openAlertCount);
        var rangeAlerts = queries.start(() -> reader.alertsBetween(from, to, ALERT_LIMIT));
        List<VoiceQualityPoint> byRegion = ConcurrentQueries.answer(regionSeries);
        List<String> regions = byRegion.stream().map(VoiceQualityPoint::region).distinct().sorted().toList();
        String selected = region != null && regions.contains(region) ? region : null;
        // the per-server series of a region with samples, while the other queries still run
        List<VoiceQualityPoint> series = selected == null ? byRegion
                : reader.qualityByServer(selected, from, to, bucket);
        return new VoiceDashboardReport(from, to, bucket, metric, regions, selected, series,
                ConcurrentQueries.answer(heatmap),
                ConcurrentQueries.answer(worstServers),
                ConcurrentQueries.answer(worstGuilds),
                ConcurrentQueries.answer(openAlerts), ConcurrentQueries.answer(openAlertCount),
                ConcurrentQueries.answer(rangeAlerts));
    }
}

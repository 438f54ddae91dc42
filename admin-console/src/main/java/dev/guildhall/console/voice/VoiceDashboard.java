package dev.guildhall.console.voice;

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
 * the {@value #OPEN_ALERT_LIMIT} newest (with the count of all), the range's alerts {@value #ALERT_LIMIT}.
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

    @Autowired
    public VoiceDashboard(VoiceDashboardReader reader) {
        this(reader, Clock.systemUTC());
    }

    public VoiceDashboard(VoiceDashboardReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
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
        List<VoiceQualityPoint> byRegion = reader.qualityByRegion(from, to, bucket);
        List<String> regions = byRegion.stream().map(VoiceQualityPoint::region).distinct().sorted().toList();
        String selected = region != null && regions.contains(region) ? region : null;
        List<VoiceQualityPoint> series = selected == null ? byRegion
                : reader.qualityByServer(selected, from, to, bucket);
        return new VoiceDashboardReport(from, to, bucket, metric, regions, selected, series,
                reader.regionHeatmap(metric, from, to, bucket),
                reader.worstVoiceServers(metric, to, RECENT_MINUTES, RANK_LIMIT),
                reader.worstGuilds(metric, to, RECENT_MINUTES, RANK_LIMIT),
                reader.openAlerts(OPEN_ALERT_LIMIT), reader.openAlertCount(),
                reader.alertsBetween(from, to, ALERT_LIMIT));
    }
}

package dev.guildhall.console.voice;

import dev.guildhall.warehouse.queries.AlertSpan;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.HeatCell;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceServerQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the SRE dashboard shows for one selection.
 *
 * @param regions      regions with samples in the range (for the scope picker)
 * @param region       the selected region (series per voice server), or null (series per region)
 * @param series       quality per series key (region, or voice server) and bucket, ascending by bucket
 * @param heatmap      region × bucket cells of {@code metric}
 * @param worstServers voice servers ranked worst first by {@code metric} over the last
 *                     {@link VoiceDashboard#RECENT_MINUTES} minutes
 * @param worstGuilds  guilds ranked likewise
 * @param openAlerts   the newest alerts open now (at most {@link VoiceDashboard#OPEN_ALERT_LIMIT})
 * @param openAlertCount how many alerts are open now in all
 * @param alerts       alerts open at any time in the range (open → resolved)
 */
public record VoiceDashboardReport(Instant from, Instant to, Duration bucket, VoiceMetric metric,
                                   List<String> regions, String region, List<VoiceQualityPoint> series,
                                   List<HeatCell> heatmap, List<VoiceServerQuality> worstServers,
                                   List<GuildVoiceQuality> worstGuilds, List<AlertSpan> openAlerts,
                                   long openAlertCount, List<AlertSpan> alerts) {

    /** No voice quality samples at all in the range. */
    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** How many open alerts are not in {@link #openAlerts}. */
    public long openAlertsNotShown() {
        return Math.max(0, openAlertCount - openAlerts.size());
    }

    /** The voice server an alert is about, or "—" for an alert about its whole region. */
    public static String voiceServerOf(AlertSpan alert) {
        return alert.voiceServer() == null || alert.voiceServer().isEmpty() ? "—" : alert.voiceServer();
    }

    /** The key a point is plotted under: its voice server when a region is selected, else its region. */
    public String seriesKey(VoiceQualityPoint point) {
        return region == null ? point.region() : point.voiceServer();
    }
}

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

/** The SRE dashboard's reads: warehouse-schemas' {@code VoiceQueries} (ClickHouse) in production. */
public interface VoiceDashboardReader {

    List<VoiceQualityPoint> qualityByRegion(Instant from, Instant to, Duration bucket);

    /** Per voice server of one region. */
    List<VoiceQualityPoint> qualityByServer(String region, Instant from, Instant to, Duration bucket);

    List<HeatCell> regionHeatmap(VoiceMetric metric, Instant from, Instant to, Duration bucket);

    List<VoiceServerQuality> worstVoiceServers(VoiceMetric metric, Instant now, int minutes, int limit);

    List<GuildVoiceQuality> worstGuilds(VoiceMetric metric, Instant now, int minutes, int limit);

    /** The {@code limit} newest alerts open now. */
    List<AlertSpan> openAlerts(int limit);

    /** How many alerts are open now. */
    long openAlertCount();

    List<AlertSpan> alertsBetween(Instant from, Instant to, int limit);
}

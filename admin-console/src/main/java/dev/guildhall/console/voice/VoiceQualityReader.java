package dev.guildhall.console.voice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads voice quality by region (ClickHouse {@code voice_quality_1m} in production) and recent alerts. */
public interface VoiceQualityReader {

    /** Rows in [from, to), ordered by region then minute. */
    List<RegionMinute> voiceQualityByRegion(Instant from, Instant to);

    /** Newest alert states first, or empty when alerts cannot be read (the charts still work then). */
    Optional<List<VoiceAlert>> recentAlerts(int limit);
}

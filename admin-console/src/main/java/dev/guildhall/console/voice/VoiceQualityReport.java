package dev.guildhall.console.voice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Voice quality over a window.
 *
 * @param byRegion rows per region, ascending by minute (for one chart series per region)
 * @param rows     all rows, newest first, then by region (for the table)
 * @param alerts   recent alerts, or empty when alerts are not stored yet
 */
public record VoiceQualityReport(Instant from, Instant to, Map<String, List<RegionMinute>> byRegion,
                                 List<RegionMinute> rows, Optional<List<VoiceAlert>> alerts) {

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}

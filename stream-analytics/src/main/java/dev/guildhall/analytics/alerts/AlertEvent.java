package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * One {@code alert.voice} state change as the alerts table stores it (epoch ms throughout); {@code voiceServer} is
 * "" for a whole region's alert (and for version-1 events).
 */
public record AlertEvent(String eventId, long occurredAt, String alertId, String region, String metric, String state,
                         double value, double threshold, long windowStart, long windowEnd, String voiceServer)
        implements JobEvent {

    /** A region's alert. */
    public AlertEvent(String eventId, long occurredAt, String alertId, String region, String metric, String state,
                      double value, double threshold, long windowStart, long windowEnd) {
        this(eventId, occurredAt, alertId, region, metric, state, value, threshold, windowStart, windowEnd, "");
    }
}

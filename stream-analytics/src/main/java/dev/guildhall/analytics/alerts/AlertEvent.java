package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.ingest.JobEvent;

/** One {@code alert.voice} state change as the alerts table stores it (epoch ms throughout). */
public record AlertEvent(String eventId, long occurredAt, String alertId, String region, String metric, String state,
                         double value, double threshold, long windowStart, long windowEnd) implements JobEvent {
}

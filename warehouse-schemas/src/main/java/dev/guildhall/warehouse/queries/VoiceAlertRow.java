package dev.guildhall.warehouse.queries;

import java.time.Instant;

/** One state (open / resolved) of a voice SLO alert. */
public record VoiceAlertRow(String alertId, String region, String metric, String state, double value,
                            double threshold, Instant windowStart, Instant windowEnd, Instant occurredAt,
                            String eventId) {}

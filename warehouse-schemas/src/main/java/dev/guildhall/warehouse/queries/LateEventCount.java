package dev.guildhall.warehouse.queries;

import java.time.Instant;

/** Events of one type a pipeline dropped as too late, with the event-time range they covered. */
public record LateEventCount(String job, String eventType, long events, Instant firstOccurredAt,
                             Instant lastOccurredAt) {}

package dev.guildhall.warehouse.queries;

import java.time.Instant;

/** Messages of a guild in one minute, summed over its channels. */
public record MinuteCount(Instant minute, long messages) {}

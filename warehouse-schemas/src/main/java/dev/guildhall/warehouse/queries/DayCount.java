package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/** A count for one UTC day of a guild (messages, or active users). */
public record DayCount(LocalDate day, long count) {}

package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/** A count for one UTC week of a guild; {@code week} is its Monday. */
public record WeekCount(LocalDate week, long count) {}

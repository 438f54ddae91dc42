package dev.guildhall.warehouse.queries;

/**
 * Messages of a guild in one hour of the week (UTC), summed over the weeks of the range.
 *
 * @param dayOfWeek 1 = Monday … 7 = Sunday (ISO-8601, ClickHouse's toDayOfWeek)
 * @param hour      0..23
 */
public record HourOfWeekCount(int dayOfWeek, int hour, long messages) {}

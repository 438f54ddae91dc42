package dev.guildhall.analytics.engagement;

/**
 * One row of {@code user_activity_1d}: messages of one (non-bot) author in a guild on one UTC day.
 *
 * @param day     window start, epoch ms (a UTC midnight)
 * @param version epoch ms at which the row was computed; ReplacingMergeTree keeps the highest
 */
public record UserActivityRow(long guildId, long userId, long day, long messages, long version) {
}

package dev.guildhall.analytics.members;

/**
 * One row of {@code member_changes_1d}.
 *
 * @param day     window start, epoch ms (a UTC midnight)
 * @param version epoch ms at which the row was computed; ReplacingMergeTree keeps the highest
 */
public record MemberChangesRow(long guildId, long day, long joins, long leaves, long version) {
}

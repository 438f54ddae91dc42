package dev.guildhall.analytics.engagement;

/**
 * One row of {@code message_counts_1m}.
 *
 * @param minute  window start, epoch ms (a whole UTC minute)
 * @param version epoch ms at which the row was computed; ReplacingMergeTree keeps the highest
 */
public record MessageCountRow(long guildId, long channelId, long minute, long messages, long version) {
}

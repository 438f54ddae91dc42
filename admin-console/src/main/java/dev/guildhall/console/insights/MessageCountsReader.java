package dev.guildhall.console.insights;

import java.time.Instant;
import java.util.List;

/** Reads per-minute message counts of a guild (ClickHouse {@code message_counts_1m} in production). */
public interface MessageCountsReader {

    /** Minutes in [from, to) that have messages, ascending, channels summed. */
    List<MinuteMessages> messagesPerMinute(long guildId, Instant from, Instant to);

    /** Messages per channel in [from, to), busiest first. */
    List<ChannelMessages> messagesPerChannel(long guildId, Instant from, Instant to);
}

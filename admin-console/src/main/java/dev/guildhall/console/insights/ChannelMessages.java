package dev.guildhall.console.insights;

/** Messages posted in one channel over a window. */
public record ChannelMessages(long channelId, long messages) {
}

package dev.guildhall.warehouse.queries;

/** Messages of one channel over a time range. */
public record ChannelCount(long channelId, long messages) {}

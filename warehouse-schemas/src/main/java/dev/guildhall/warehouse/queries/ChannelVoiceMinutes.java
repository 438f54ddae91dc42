package dev.guildhall.warehouse.queries;

/** Time in voice of one channel over a range of days: minutes (fractional) and distinct users. */
public record ChannelVoiceMinutes(long channelId, double minutes, long users) {}

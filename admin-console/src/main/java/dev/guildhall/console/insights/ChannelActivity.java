package dev.guildhall.console.insights;

/** A channel's messages over the window, with its name from core-server (or a placeholder). */
public record ChannelActivity(long channelId, String name, long messages) {
}

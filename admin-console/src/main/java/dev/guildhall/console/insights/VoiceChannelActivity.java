package dev.guildhall.console.insights;

/** A channel's voice minutes and distinct users over the range, with its name from core-server (or a placeholder). */
public record VoiceChannelActivity(long channelId, String name, double minutes, long users) {
}

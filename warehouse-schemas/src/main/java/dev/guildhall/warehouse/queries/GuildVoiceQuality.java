package dev.guildhall.warehouse.queries;

/** Voice quality of one guild (all its channels, regions and servers) over a recent period. */
public record GuildVoiceQuality(long guildId, VoiceQualityStats stats) {}

package dev.guildhall.warehouse.queries;

/** Voice quality of one voice server over a recent period. */
public record VoiceServerQuality(String region, String voiceServer, VoiceQualityStats stats) {}

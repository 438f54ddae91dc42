package dev.guildhall.warehouse.queries;

import java.time.Instant;

/** Voice quality of a region ({@code voiceServer} empty) or of one voice server in one time bucket. */
public record VoiceQualityPoint(String region, String voiceServer, Instant bucket, VoiceQualityStats stats) {}

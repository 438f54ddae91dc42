package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * The part of a {@code voice.quality} sample the voice-quality job needs (all of it: a sample carries no content).
 * {@code rttMs}, {@code packetsLate}, {@code bitrateKbps} and {@code mos} are null when the relay did not measure
 * them (always in version-1 samples).
 */
public record VoiceSample(String eventId, String region, String voiceServer, long guildId, long channelId,
                          long userId, long ssrc, long occurredAt, int windowMs, long packetsExpected,
                          long packetsReceived, long packetsLost, double jitterMs, Double rttMs, Long packetsLate,
                          Double bitrateKbps, Double mos) implements JobEvent {
}

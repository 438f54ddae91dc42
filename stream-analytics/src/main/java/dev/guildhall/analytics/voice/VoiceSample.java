package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.ingest.JobEvent;

/** The part of a {@code voice.quality} sample the voice-quality job needs. */
public record VoiceSample(String eventId, String region, String voiceServer, long occurredAt, double jitterMs,
                          long packetsLost, long packetsExpected) implements JobEvent {
}

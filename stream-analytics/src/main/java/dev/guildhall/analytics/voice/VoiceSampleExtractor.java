package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.VoiceQualitySample;

/** {@code voice.quality} → {@link VoiceSample}, rejecting samples that violate the contract. */
public final class VoiceSampleExtractor implements EventExtractor<VoiceSample> {
    @Override
    public VoiceSample extract(EventEnvelope envelope) {
        if (!EventType.VOICE_QUALITY.wireName().equals(envelope.type())) {
            return null;
        }
        VoiceQualitySample s = EventCodec.payload(envelope, VoiceQualitySample.class);
        String region = EventExtractor.required("payload.region", s.region());
        String server = EventExtractor.required("payload.voice_server", s.voiceServer());
        if (s.packetsExpected() < 0 || s.packetsLost() < 0) {
            throw new InvalidEventException("packets_expected and packets_lost must be >= 0 but were "
                    + s.packetsExpected() + " and " + s.packetsLost());
        }
        if (s.packetsLost() > s.packetsExpected()) {
            throw new InvalidEventException("packets_lost " + s.packetsLost() + " exceeds packets_expected "
                    + s.packetsExpected());
        }
        if (!Double.isFinite(s.jitterMs()) || s.jitterMs() < 0) {
            throw new InvalidEventException("jitter_ms must be a finite value >= 0 but was " + s.jitterMs());
        }
        return new VoiceSample(envelope.eventId(), region, server, EventExtractor.eventTime(envelope), s.jitterMs(),
                s.packetsLost(), s.packetsExpected());
    }
}

package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.VoiceQualitySample;

import java.util.Map;

/** {@code voice.quality} (version 1 or 2) → {@link VoiceSample}, rejecting samples that violate the contract. */
public final class VoiceSampleExtractor implements EventExtractor<VoiceSample> {
    private static final double MIN_MOS = 1.0;
    private static final double MAX_MOS = 5.0;

    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.VOICE_QUALITY.wireName(), VoiceQualitySample.class);
    }

    @Override
    public VoiceSample extract(IncomingEvent envelope) {
        if (!EventType.VOICE_QUALITY.wireName().equals(envelope.type())) {
            return null;
        }
        VoiceQualitySample s = envelope.payload(VoiceQualitySample.class);
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
        if (s.packetsReceived() < 0) {
            throw new InvalidEventException("packets_received must be >= 0 but was " + s.packetsReceived());
        }
        if (!Double.isFinite(s.jitterMs()) || s.jitterMs() < 0) {
            throw new InvalidEventException("jitter_ms must be a finite value >= 0 but was " + s.jitterMs());
        }
        if (s.ssrc() < 0 || s.ssrc() > 0xFFFF_FFFFL) {
            throw new InvalidEventException("ssrc must be a uint32 but was " + s.ssrc());
        }
        if (s.windowMs() < 0) {
            throw new InvalidEventException("window_ms must be >= 0 but was " + s.windowMs());
        }
        nonNegative("rtt_ms", s.rttMs());
        nonNegative("bitrate_kbps", s.bitrateKbps());
        if (s.packetsLate() != null && s.packetsLate() < 0) {
            throw new InvalidEventException("packets_late must be >= 0 but was " + s.packetsLate());
        }
        if (s.mos() != null && !(s.mos() >= MIN_MOS && s.mos() <= MAX_MOS)) {
            throw new InvalidEventException("mos must be between " + MIN_MOS + " and " + MAX_MOS + " but was "
                    + s.mos());
        }
        return new VoiceSample(envelope.eventId(), region, server,
                EventExtractor.snowflake("guild_id", envelope.guildId()),
                EventExtractor.snowflake("payload.channel_id", s.channelId()),
                EventExtractor.snowflake("payload.user_id", s.userId()), s.ssrc(), EventExtractor.eventTime(envelope),
                s.windowMs(), s.packetsExpected(), s.packetsReceived(), s.packetsLost(), s.jitterMs(), s.rttMs(),
                s.packetsLate(), s.bitrateKbps(), s.mos());
    }

    private static void nonNegative(String field, Double value) {
        if (value != null && !(Double.isFinite(value) && value >= 0)) {
            throw new InvalidEventException(field + " must be a finite value >= 0 but was " + value);
        }
    }
}

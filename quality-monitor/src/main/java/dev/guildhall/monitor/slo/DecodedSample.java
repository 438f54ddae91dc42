package dev.guildhall.monitor.slo;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.VoiceQualitySample;

/**
 * A record of the voice.quality topic after decoding: either a valid sample (region, voice server — null for samples
 * without one — and point) or the reason it was
 * rejected, with the raw bytes for the dead-letter topic.
 */
public record DecodedSample(String region, String voiceServer, QualityPoint point, String error, byte[] raw) {

    public boolean valid() {
        return error == null;
    }

    /** Decodes an envelope and checks it is a sane voice.quality sample; never throws. */
    public static DecodedSample decode(byte[] raw) {
        try {
            EventEnvelope envelope = EventCodec.decode(raw);
            if (!EventType.VOICE_QUALITY.wireName().equals(envelope.type())) {
                return rejected("unexpected event type " + envelope.type(), raw);
            }
            VoiceQualitySample sample = EventCodec.payload(envelope, VoiceQualitySample.class);
            String problem = problemWith(sample);
            if (problem != null) {
                return rejected(problem, raw);
            }
            String server = sample.voiceServer() == null || sample.voiceServer().isBlank() ? null
                    : sample.voiceServer();
            return new DecodedSample(sample.region(), server, new QualityPoint(sample.jitterMs(), sample.packetsLost(),
                    sample.packetsExpected(), sample.rttMs() == null ? Double.NaN : sample.rttMs()), null, raw);
        } catch (InvalidEventException e) {
            return rejected(e.getMessage(), raw);
        } catch (RuntimeException e) {
            return rejected("undecodable voice.quality record: " + e, raw);
        }
    }

    private static String problemWith(VoiceQualitySample s) {
        if (s.region() == null || s.region().isBlank()) {
            return "sample without region";
        }
        if (s.region().indexOf('/') >= 0) {
            return "region must not contain '/'";
        }
        if (s.rttMs() != null && (!Double.isFinite(s.rttMs()) || s.rttMs() < 0)) {
            return "rtt_ms must be null or a finite value >= 0";
        }
        if (!Double.isFinite(s.jitterMs()) || s.jitterMs() < 0) {
            return "jitter_ms must be a finite value >= 0";
        }
        if (s.packetsExpected() < 0 || s.packetsLost() < 0 || s.packetsLost() > s.packetsExpected()) {
            return "packet counts must satisfy 0 <= packets_lost <= packets_expected";
        }
        return null;
    }

    private static DecodedSample rejected(String reason, byte[] raw) {
        return new DecodedSample(null, null, null, reason == null ? "invalid record" : reason, raw);
    }
}

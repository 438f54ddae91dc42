package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.VoiceAlert;

import java.util.Map;
import java.util.Set;

/** {@code alert.voice} → {@link AlertEvent}, rejecting alerts that violate the contract. */
public final class AlertExtractor implements EventExtractor<AlertEvent> {
    private static final Set<String> STATES = Set.of("open", "update", "resolved");

    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.VOICE_ALERT.wireName(), VoiceAlert.class);
    }

    @Override
    public AlertEvent extract(IncomingEvent envelope) {
        if (!EventType.VOICE_ALERT.wireName().equals(envelope.type())) {
            return null;
        }
        VoiceAlert a = envelope.payload(VoiceAlert.class);
        String state = EventExtractor.required("payload.state", a.state());
        if (!STATES.contains(state)) {
            throw new InvalidEventException("payload.state must be one of " + STATES + " but was " + state);
        }
        if (a.windowEnd() < a.windowStart() || a.windowStart() <= 0) {
            throw new InvalidEventException("window_start/window_end must be positive and ordered but were "
                    + a.windowStart() + ", " + a.windowEnd());
        }
        return new AlertEvent(envelope.eventId(), EventExtractor.eventTime(envelope),
                EventExtractor.required("payload.alert_id", a.alertId()),
                EventExtractor.required("payload.region", a.region()),
                EventExtractor.required("payload.metric", a.metric()), state, a.value(), a.threshold(),
                a.windowStart(), a.windowEnd(), a.voiceServer() == null ? "" : a.voiceServer());
    }
}

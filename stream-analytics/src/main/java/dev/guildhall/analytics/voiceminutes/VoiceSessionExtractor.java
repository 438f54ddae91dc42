package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.VoiceSessionJoined;
import dev.guildhall.events.payload.VoiceSessionLeft;

import java.util.Map;

/** {@code voice.session.joined} / {@code voice.session.left} → {@link VoiceSessionEvent}; other types are skipped. */
public final class VoiceSessionExtractor implements EventExtractor<VoiceSessionEvent> {
    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.VOICE_SESSION_JOINED.wireName(), VoiceSessionJoined.class,
                EventType.VOICE_SESSION_LEFT.wireName(), VoiceSessionLeft.class);
    }

    @Override
    public VoiceSessionEvent extract(IncomingEvent envelope) {
        long guildId;
        if (EventType.VOICE_SESSION_JOINED.wireName().equals(envelope.type())) {
            guildId = EventExtractor.snowflake("guild_id", envelope.guildId());
            VoiceSessionJoined j = envelope.payload(VoiceSessionJoined.class);
            positive("payload.joined_at", j.joinedAt());
            return new VoiceSessionEvent(envelope.eventId(), guildId,
                    EventExtractor.snowflake("payload.channel_id", j.channelId()),
                    EventExtractor.snowflake("payload.user_id", j.userId()),
                    EventExtractor.required("payload.session_id", j.sessionId()), text(j.region()),
                    text(j.voiceServer()), true, j.joinedAt(), 0, EventExtractor.eventTime(envelope));
        }
        if (EventType.VOICE_SESSION_LEFT.wireName().equals(envelope.type())) {
            guildId = EventExtractor.snowflake("guild_id", envelope.guildId());
            VoiceSessionLeft l = envelope.payload(VoiceSessionLeft.class);
            positive("payload.left_at", l.leftAt());
            if (l.durationMs() < 0 || l.durationMs() >= l.leftAt()) {
                throw new InvalidEventException("payload.duration_ms must be >= 0 and before left_at but was "
                        + l.durationMs());
            }
            return new VoiceSessionEvent(envelope.eventId(), guildId,
                    EventExtractor.snowflake("payload.channel_id", l.channelId()),
                    EventExtractor.snowflake("payload.user_id", l.userId()),
                    EventExtractor.required("payload.session_id", l.sessionId()), text(l.region()),
                    text(l.voiceServer()), false, l.leftAt() - l.durationMs(), l.leftAt(),
                    EventExtractor.eventTime(envelope));
        }
        return null;
    }

    private static void positive(String field, long epochMs) {
        if (epochMs <= 0) {
            throw new InvalidEventException(field + " must be a positive epoch ms but was " + epochMs);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

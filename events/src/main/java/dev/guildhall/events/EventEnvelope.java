package dev.guildhall.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * The envelope every event travels in (JSON, snake_case on the wire).
 *
 * @param eventId    snowflake, unique; consumers are idempotent on it
 * @param type       event type, one of {@link EventType}'s wire names
 * @param version    schema version of the payload
 * @param occurredAt epoch milliseconds, UTC
 * @param guildId    guild snowflake, or "0" for events that belong to no guild (e.g. voice-server health)
 * @param source     producing node, e.g. "core-server@host"
 * @param payload    the type's payload as JSON; read it with {@link EventCodec#payload(EventEnvelope, Class)}
 */
public record EventEnvelope(String eventId, String type, int version, long occurredAt, String guildId,
                            String source, JsonNode payload) {
    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(guildId, "guild_id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }
}

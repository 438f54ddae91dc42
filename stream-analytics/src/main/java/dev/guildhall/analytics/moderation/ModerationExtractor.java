package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.ModerationAction;

import java.util.Map;
import java.util.Set;

/**
 * {@code moderation.action} → {@link ModerationRow}; other types on the topic are skipped. Counted: kick, ban, unban,
 * timeout, timeout_removed and the voice moderation of {@code PATCH /guilds/{id}/members/{user}} (server mute and
 * deafen on and off, move, disconnect); another action is a dead letter.
 */
public final class ModerationExtractor implements EventExtractor<ModerationRow> {
    static final Set<String> ACTIONS = Set.of(ModerationAction.KICK, ModerationAction.BAN, ModerationAction.UNBAN,
            ModerationAction.TIMEOUT, ModerationAction.TIMEOUT_REMOVED, ModerationAction.VOICE_MUTE,
            ModerationAction.VOICE_UNMUTE, ModerationAction.VOICE_DEAFEN, ModerationAction.VOICE_UNDEAFEN,
            ModerationAction.VOICE_MOVE, ModerationAction.VOICE_DISCONNECT);

    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.MODERATION_ACTION.wireName(), ModerationAction.class);
    }

    @Override
    public ModerationRow extract(IncomingEvent envelope) {
        if (!EventType.MODERATION_ACTION.wireName().equals(envelope.type())) {
            return null;
        }
        ModerationAction a = envelope.payload(ModerationAction.class);
        if (!ACTIONS.contains(a.action())) {
            throw new InvalidEventException("payload.action must be one of " + ACTIONS + " but was " + a.action());
        }
        long until = a.until() == null ? 0 : a.until();
        if (ModerationAction.TIMEOUT.equals(a.action()) && until <= 0) {
            throw new InvalidEventException("payload.until is required for a timeout");
        }
        long eventId = EventExtractor.snowflake("event_id", envelope.eventId());
        return new ModerationRow(Long.toString(eventId), EventExtractor.snowflake("guild_id", envelope.guildId()),
                a.action(), EventExtractor.snowflake("payload.actor_id", a.actorId()),
                EventExtractor.snowflake("payload.target_id", a.targetId()), Math.max(until, 0),
                EventExtractor.eventTime(envelope));
    }
}

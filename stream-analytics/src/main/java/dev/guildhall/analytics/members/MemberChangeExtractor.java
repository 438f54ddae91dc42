package dev.guildhall.analytics.members;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;

import java.util.Map;
import java.util.Set;

/** {@code member.joined} / {@code member.left} → {@link MemberChange}; other types on the topic are skipped. */
public final class MemberChangeExtractor implements EventExtractor<MemberChange> {
    private static final Set<String> LEAVE_REASONS = Set.of(MemberLeft.LEFT, MemberLeft.KICKED, MemberLeft.BANNED);

    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.MEMBER_JOINED.wireName(), MemberJoined.class,
                EventType.MEMBER_LEFT.wireName(), MemberLeft.class);
    }

    @Override
    public MemberChange extract(IncomingEvent envelope) {
        String userId;
        boolean joined;
        if (EventType.MEMBER_JOINED.wireName().equals(envelope.type())) {
            userId = envelope.payload(MemberJoined.class).userId();
            joined = true;
        } else if (EventType.MEMBER_LEFT.wireName().equals(envelope.type())) {
            MemberLeft left = envelope.payload(MemberLeft.class);
            if (!LEAVE_REASONS.contains(left.reason())) {
                throw new InvalidEventException("payload.reason must be one of " + LEAVE_REASONS + " but was "
                        + left.reason());
            }
            userId = left.userId();
            joined = false;
        } else {
            return null;
        }
        EventExtractor.snowflake("event_id", envelope.eventId());   // member_events keys rows by it
        long guildId = EventExtractor.snowflake("guild_id", envelope.guildId());
        return new MemberChange(envelope.eventId(), guildId, EventExtractor.snowflake("payload.user_id", userId),
                joined, EventExtractor.eventTime(envelope));
    }
}

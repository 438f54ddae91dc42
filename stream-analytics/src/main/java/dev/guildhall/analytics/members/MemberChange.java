package dev.guildhall.analytics.members;

import dev.guildhall.analytics.ingest.JobEvent;

/** A member joining ({@code joined}) or leaving (left, kicked or banned) a guild. */
public record MemberChange(String eventId, long guildId, long userId, boolean joined, long occurredAt)
        implements JobEvent {
}

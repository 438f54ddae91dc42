package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.ingest.JobEvent;

/** The part of a {@code message.created} event the engagement job needs (never the content). */
public record MessageEvent(String eventId, long guildId, long channelId, long authorId, boolean authorBot,
                           long occurredAt) implements JobEvent {
}

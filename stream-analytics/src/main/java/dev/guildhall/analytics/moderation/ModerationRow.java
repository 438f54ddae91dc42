package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * A {@code moderation.action} event as one row of {@code moderation_actions}: metadata only (the moderator's
 * free-text reason is not kept).
 *
 * @param untilMs end of a timeout (epoch ms), 0 for other actions
 */
public record ModerationRow(String eventId, long guildId, String action, long actorId, long targetId, long untilMs,
                            long occurredAt) implements JobEvent {
}

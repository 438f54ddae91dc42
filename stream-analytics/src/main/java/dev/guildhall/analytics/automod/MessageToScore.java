package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * A {@code message.created} or {@code message.updated} event as the verdict job scores it. The content lives only
 * in the job's memory (and its checkpointed batch buffer); verdicts carry scores and ids only.
 *
 * @param eventId        the id of the event that carried the content
 * @param createdAt      epoch ms the message was posted
 * @param automodPending the content was stored without a model decision (core-server applies this verdict)
 * @param editedAt       epoch ms of the edit whose content this is, 0 for the content the message was posted with
 */
public record MessageToScore(String eventId, long occurredAt, long guildId, long messageId, long channelId,
                             long authorId, String content, long createdAt, boolean automodPending, long editedAt)
        implements JobEvent {
}

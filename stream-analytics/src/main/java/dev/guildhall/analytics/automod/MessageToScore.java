package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * A {@code message.created} event as the verdict job scores it. The content lives only in the job's memory (and
 * its checkpointed batch buffer); verdicts carry scores and ids only.
 *
 * @param automodPending the message was stored without a model decision (core-server applies this verdict)
 */
public record MessageToScore(String eventId, long occurredAt, long guildId, long messageId, long channelId,
                             long authorId, String content, long createdAt, boolean automodPending)
        implements JobEvent {
}

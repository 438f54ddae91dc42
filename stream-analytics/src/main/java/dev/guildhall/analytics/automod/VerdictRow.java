package dev.guildhall.analytics.automod;

/**
 * The stream verdict on one message's content (as posted, or after an edit): scores and metadata, no content. One
 * row of {@code automod_verdicts} (an edit's verdict replaces the message's row: the table holds the verdict on
 * each message's latest content) and the payload of one {@code automod.verdict} event (source "stream", no rule
 * ids: the job does not know the guilds' rules).
 *
 * @param label    the label with the highest score
 * @param decision "flag" when {@code label} is not "safe" and its score reaches the job's flag threshold, else
 *                 "allow" (the model's own opinion; the guilds' rules decide in core-server)
 * @param editedAt the edit whose content was scored (epoch ms), 0 for the content the message was posted with
 * @param sourceEventId the id of the event that carried the content (the edit's verdict event takes it)
 */
public record VerdictRow(long guildId, long messageId, long channelId, long authorId, String modelVersion,
                         double safe, double spam, double toxic, double harassment, String label, String decision,
                         long latencyMicros, long messageCreatedAt, long scoredAt, boolean automodPending,
                         long editedAt, String sourceEventId) {
}

package dev.guildhall.analytics.automod;

/**
 * The stream verdict on one message: scores and metadata, no content. One row of {@code automod_verdicts} and the
 * payload of one {@code automod.verdict} event (source "stream", no rule ids: the job does not know the guilds'
 * rules).
 *
 * @param label    the label with the highest score
 * @param decision "flag" when {@code label} is not "safe" and its score reaches the job's flag threshold, else
 *                 "allow" (the model's own opinion; the guilds' rules decide in core-server)
 */
public record VerdictRow(long guildId, long messageId, long channelId, long authorId, String modelVersion,
                         double safe, double spam, double toxic, double harassment, String label, String decision,
                         long latencyMicros, long messageCreatedAt, long scoredAt, boolean automodPending) {
}

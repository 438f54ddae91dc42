package dev.guildhall.events.payload;

import java.util.List;

/**
 * AutoMod's verdict on one message (type {@code automod.verdict}, topic {@code guildhall.automod.verdicts}, key =
 * guild id). Written by core-server's inline check (source "inline") when the model answered within its budget, and
 * by the stream verdict job (source "stream") for every message. No message content: scores and metadata only, so
 * the record may go to ClickHouse as it is.
 *
 * @param messageId        the message (also for blocked messages, which are never stored: then the id core-server
 *                         would have given it)
 * @param modelVersion     version of the classifier that produced the scores, null when no model answered
 * @param safe             score of label "safe" in [0,1], null when no model answered
 * @param spam             score of label "spam" in [0,1], null when no model answered
 * @param toxic            score of label "toxic" in [0,1], null when no model answered
 * @param harassment       score of label "harassment" in [0,1], null when no model answered
 * @param decision         "allow", "flag" (to the review queue) or "block"
 * @param ruleIds          ids of the AutoMod rules that matched (rules and model rules), empty when none
 * @param source           "inline" or "stream"
 * @param latencyMicros    time the model took for this message (inline: per message; stream: batch time / size)
 * @param messageCreatedAt epoch ms the message was posted
 * @param scoredAt         epoch ms the verdict was made
 * @param automodPending   the message was stored {@code automod_pending} (its message.created said so): no model
 *                         decided it inline, so core-server applies the guild's model rules when this stream
 *                         verdict arrives; false for inline verdicts (and in events written before the field)
 * @param editedAt         the content version scored: epoch ms of the edit ({@code message.updated}'s
 *                         {@code edited_at}) whose content was scored, 0 for the content the message was posted with
 *                         (and in events written before the field). core-server applies a stream verdict only while
 *                         the message still has that version
 */
public record AutoModVerdict(String messageId, String channelId, String authorId, String modelVersion, Double safe,
                             Double spam, Double toxic, Double harassment, String decision, List<String> ruleIds,
                             String source, long latencyMicros, long messageCreatedAt, long scoredAt,
                             boolean automodPending, long editedAt) {
    public static final String ALLOW = "allow";
    public static final String FLAG = "flag";
    public static final String BLOCK = "block";
    public static final String INLINE = "inline";
    public static final String STREAM = "stream";

    public AutoModVerdict {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    /** A verdict on the content a message was posted with. */
    public AutoModVerdict(String messageId, String channelId, String authorId, String modelVersion, Double safe,
                          Double spam, Double toxic, Double harassment, String decision, List<String> ruleIds,
                          String source, long latencyMicros, long messageCreatedAt, long scoredAt,
                          boolean automodPending) {
        this(messageId, channelId, authorId, modelVersion, safe, spam, toxic, harassment, decision, ruleIds, source,
                latencyMicros, messageCreatedAt, scoredAt, automodPending, 0);
    }

    /** A verdict on the content a message was posted with, which was not pending. */
    public AutoModVerdict(String messageId, String channelId, String authorId, String modelVersion, Double safe,
                          Double spam, Double toxic, Double harassment, String decision, List<String> ruleIds,
                          String source, long latencyMicros, long messageCreatedAt, long scoredAt) {
        this(messageId, channelId, authorId, modelVersion, safe, spam, toxic, harassment, decision, ruleIds, source,
                latencyMicros, messageCreatedAt, scoredAt, false, 0);
    }
}

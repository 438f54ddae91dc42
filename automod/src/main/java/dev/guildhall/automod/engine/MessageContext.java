package dev.guildhall.automod.engine;

import java.util.Map;
import java.util.Set;

/**
 * What the rules see of a message: its author (id and role ids), channel, content, the number of unique users
 * and roles it mentions, the classifier's scores by label ({@code toxic}, {@code harassment}, {@code spam}, ...;
 * null when the model did not answer) and when it was sent (epoch millis, for the SPAM window).
 */
public record MessageContext(
        long authorId,
        Set<Long> authorRoleIds,
        long channelId,
        String content,
        int uniqueUserMentions,
        int uniqueRoleMentions,
        Map<String, Double> modelScores,
        long sentAtMillis) {

    public MessageContext {
        authorRoleIds = authorRoleIds == null ? Set.of() : authorRoleIds;
        content = content == null ? "" : content;
    }

    /** A plain message without mentions or model scores. */
    public static MessageContext of(long authorId, Set<Long> roleIds, long channelId, String content, long sentAtMillis) {
        return new MessageContext(authorId, roleIds, channelId, content, 0, 0, null, sentAtMillis);
    }

    public MessageContext withMentions(int users, int roles) {
        return new MessageContext(authorId, authorRoleIds, channelId, content, users, roles, modelScores, sentAtMillis);
    }

    public MessageContext withModelScores(Map<String, Double> scores) {
        return new MessageContext(authorId, authorRoleIds, channelId, content, uniqueUserMentions, uniqueRoleMentions,
                scores, sentAtMillis);
    }
}

package dev.guildhall.core.automod;

import dev.guildhall.automod.engine.RuleMatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** SQL for the moderation review queue: the items AutoMod opens (status {@code pending}). */
final class ReviewQueueStore {
    private ReviewQueueStore() {
    }

    /**
     * One item for a message and the rule that matched it. {@code blockedContent} is the content of a blocked
     * message (which is stored nowhere else), null for a flagged message (it is in {@code messages});
     * {@code scoresJson}: the model's scores by label as a JSON object, null when no model answered.
     */
    static void insert(Connection c, long id, long guildId, long channelId, long messageId, long authorId,
                       RuleMatch match, boolean blocked, String blockedContent, String scoresJson,
                       boolean modelPending)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO automod_review_queue (id, guild_id, channel_id, message_id, author_id, rule_id, rule_name,
                                                  trigger_type, blocked, matched_keyword, matched_content, reason,
                                                  blocked_content, scores, model_pending)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setLong(1, id);
            ps.setLong(2, guildId);
            ps.setLong(3, channelId);
            ps.setLong(4, messageId);
            ps.setLong(5, authorId);
            ps.setLong(6, match.rule().id());
            ps.setString(7, match.rule().name());
            ps.setInt(8, match.rule().triggerType().value());
            ps.setBoolean(9, blocked);
            ps.setString(10, match.matchedKeyword());
            ps.setString(11, match.matchedContent());
            ps.setString(12, match.reason());
            ps.setString(13, blockedContent);
            ps.setString(14, scoresJson);
            ps.setBoolean(15, modelPending);
            ps.executeUpdate();
        }
    }
}

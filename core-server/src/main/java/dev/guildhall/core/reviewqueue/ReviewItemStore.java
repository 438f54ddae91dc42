package dev.guildhall.core.reviewqueue;

import dev.guildhall.core.auth.User;
import dev.guildhall.core.messages.MessageExtras;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for reading, claiming and resolving review-queue items ({@code automod_review_queue}, V19 + V22). */
final class ReviewItemStore {
    /** An item's score: the highest model score of a label other than {@code safe}; null without scores. */
    static final String SCORE = """
            (SELECT max((e.value)::text::float8) FROM jsonb_each(q.scores) e
              WHERE e.key <> 'safe' AND jsonb_typeof(e.value) = 'number')""";
    private static final String SELECT = """
            SELECT q.id, q.guild_id, q.channel_id, q.message_id, q.author_id, q.rule_id, q.rule_name, q.trigger_type,
                   q.blocked, q.matched_keyword, q.matched_content, q.reason, q.blocked_content, q.decided_content,
                   q.scores::text AS scores, q.model_pending, q.status, q.created_at, q.claimed_by,
                   q.claim_expires_at, q.resolution, q.resolved_by, q.resolved_at, q.resolution_reason,
                   q.timeout_until, m.content AS message_content, u.username, u.global_name, u.bot,
                   """ + SCORE + """
             AS score
              FROM automod_review_queue q
              LEFT JOIN messages m ON m.id = q.message_id AND NOT q.blocked
              LEFT JOIN users u ON u.id = q.author_id
             WHERE q.guild_id = ?""";

    private ReviewItemStore() {
    }

    /**
     * One page of the guild's items. The page's ids are chosen first (the skipped rows are only index entries and
     * scores), then only those rows are joined with their message and author.
     */
    static List<ReviewItem> page(Connection c, long guildId, ReviewQuery query) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(guildId);
        String ids = "SELECT q.id, " + SCORE + " AS score FROM automod_review_queue q WHERE q.guild_id = ?"
                + query.where(params) + query.orderBy() + " LIMIT ? OFFSET ?";
        params.add(query.limit());
        params.add(query.offset());
        params.add(guildId);
        return list(c, "WITH page AS (" + ids + ") " + SELECT + " AND q.id IN (SELECT id FROM page)"
                + query.orderBy(), params);
    }

    /** How many items match the query's filters (paging ignored). */
    static long count(Connection c, long guildId, ReviewQuery query) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(guildId);
        String sql = "SELECT count(*) FROM automod_review_queue q WHERE q.guild_id = ?" + query.where(params);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The item of the guild, or null. */
    static ReviewItem find(Connection c, long guildId, long id) throws SQLException {
        List<ReviewItem> found = list(c, SELECT + " AND q.id = ?", List.of(guildId, id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Locks the item row for the rest of the transaction; false when the guild has no such item. */
    static boolean lock(Connection c, long guildId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM automod_review_queue WHERE guild_id = ? AND id = ? FOR UPDATE")) {
            ps.setLong(1, guildId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The author's items in the guild older than {@code beforeId}, newest first. */
    static List<ReviewItem> authorItems(Connection c, long guildId, long authorId, long beforeId, int limit)
            throws SQLException {
        return list(c, SELECT + " AND q.author_id = ? AND q.id < ? ORDER BY q.id DESC LIMIT ?",
                List.of(guildId, authorId, beforeId, limit));
    }

    /**
     * Claims the item for {@code userId} until {@code expiresAt} in one statement: only a pending item that nobody
     * else holds (no claim, the caller's own, or an expired one). PostgreSQL re-checks the condition on the row a
     * concurrent claim just changed, so of two simultaneous claims exactly one updates the row.
     */
    static boolean claim(Connection c, long guildId, long id, long userId, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE automod_review_queue SET claimed_by = ?, claim_expires_at = ?
                 WHERE guild_id = ? AND id = ? AND status = 'pending'
                   AND (claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?)""")) {
            ps.setLong(1, userId);
            ps.setTimestamp(2, Timestamp.from(expiresAt));
            ps.setLong(3, guildId);
            ps.setLong(4, id);
            ps.setLong(5, userId);
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** Drops the caller's claim on a pending item; false when they do not hold it. */
    static boolean release(Connection c, long guildId, long id, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE automod_review_queue SET claimed_by = NULL, claim_expires_at = NULL
                 WHERE guild_id = ? AND id = ? AND status = 'pending' AND claimed_by = ?""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, id);
            ps.setLong(3, userId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records the decision on a locked pending item; the claim ends with it. */
    static void resolve(Connection c, long id, String action, long userId, Instant at, String reason,
                        Instant timeoutUntil, String decidedContent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE automod_review_queue
                   SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ?, resolution_reason = ?,
                       timeout_until = ?, decided_content = ?, claimed_by = NULL, claim_expires_at = NULL
                 WHERE id = ?""")) {
            ps.setString(1, action);
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, reason);
            ps.setTimestamp(5, timeoutUntil == null ? null : Timestamp.from(timeoutUntil));
            ps.setString(6, decidedContent);
            ps.setLong(7, id);
            ps.executeUpdate();
        }
    }

    /** A message of the author, for the detail view's history. */
    record AuthorMessage(long id, long channelId, String content, Instant createdAt) {
    }

    /** The author's newest messages in the guild (ephemeral ones excluded), newest first. */
    static List<AuthorMessage> authorMessages(Connection c, long guildId, long authorId, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, channel_id, content, created_at FROM messages
                 WHERE guild_id = ? AND author_id = ? AND (flags & ?) = 0
                 ORDER BY id DESC LIMIT ?""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, authorId);
            ps.setInt(3, MessageExtras.EPHEMERAL);
            ps.setInt(4, limit);
            List<AuthorMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuthorMessage(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        }
    }

    /** A moderator's decision with the text decided on, for the training export. */
    record Decision(long itemId, Instant resolvedAt, String action, int triggerType, String text) {
    }

    /** Resolved items with their text, oldest decision first, resolved after {@code afterItemId} (0 = all). */
    static List<Decision> decisions(Connection c, long guildId, long afterItemId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, resolved_at, resolution, trigger_type, decided_content FROM automod_review_queue
                 WHERE guild_id = ? AND status = 'resolved' AND decided_content IS NOT NULL AND id > ?
                 ORDER BY id ASC LIMIT ?""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, afterItemId);
            ps.setInt(3, limit);
            List<Decision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Decision(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getInt(4), rs.getString(5)));
                }
            }
            return out;
        }
    }

    private static List<ReviewItem> list(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<ReviewItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (p instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else if (p instanceof String s) {
                ps.setString(i + 1, s);
            } else {
                ps.setNull(i + 1, Types.NULL);
            }
        }
    }

    private static ReviewItem read(ResultSet rs) throws SQLException {
        long authorId = rs.getLong("author_id");
        String username = rs.getString("username");
        User author = new User(authorId, username == null ? "deleted user" : username, rs.getString("global_name"),
                rs.getBoolean("bot"));
        boolean blocked = rs.getBoolean("blocked");
        String messageContent = rs.getString("message_content");
        String text = blocked ? rs.getString("blocked_content")
                : messageContent != null ? messageContent : rs.getString("decided_content");
        double score = rs.getDouble("score");
        Double scoreOrNull = rs.wasNull() ? null : score;
        return new ReviewItem(rs.getLong("id"), rs.getLong("guild_id"), rs.getLong("channel_id"),
                rs.getLong("message_id"), author, rs.getLong("rule_id"), rs.getString("rule_name"),
                rs.getInt("trigger_type"), blocked, rs.getString("matched_keyword"), rs.getString("matched_content"),
                rs.getString("reason"), text, !blocked && messageContent != null, rs.getString("scores"), scoreOrNull,
                rs.getBoolean("model_pending"), rs.getString("status"), instant(rs, "created_at"),
                rs.getLong("claimed_by"), instant(rs, "claim_expires_at"), rs.getString("resolution"),
                rs.getLong("resolved_by"), instant(rs, "resolved_at"), rs.getString("resolution_reason"),
                instant(rs, "timeout_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

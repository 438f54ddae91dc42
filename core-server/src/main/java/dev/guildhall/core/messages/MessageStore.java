package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for messages. */
public final class MessageStore {
    private static final String COLUMNS = """
            SELECT m.id, m.channel_id, m.guild_id, m.content, m.nonce, m.tts, m.created_at, m.edited_at, m.reference_message_id, m.pinned_at,
                   m.type, m.flags, m.webhook_id, m.application_id, m.components::text AS components,
                   m.interaction_metadata::text AS interaction_metadata, m.embeds::text AS embeds, m.author_name,
                   m.mentions::text AS mentions, m.mention_roles::text AS mention_roles, m.mention_everyone,
                   m.attachments::text AS attachments,
                   u.id AS uid, u.username, u.global_name, u.bot
              FROM messages m LEFT JOIN users u ON u.id = m.author_id""";
    /**
     * Channel reads: an ephemeral message (flag 64) exists only for the user of its interaction, so every channel
     * query leaves it out. Queries add their conditions with {@code AND}.
     */
    private static final String SELECT = COLUMNS + " WHERE (m.flags & " + MessageExtras.EPHEMERAL + ") = 0";

    private MessageStore() {
    }

    public static void insert(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (id, channel_id, guild_id, author_id, content, nonce, tts, created_at,
                                      reference_message_id, type, flags, webhook_id, application_id, components,
                                      interaction_metadata, embeds, author_name, mentions, mention_roles,
                                      mention_everyone, attachments)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?,
                        ?::jsonb)
                """)) {
            MessageExtras x = m.extras();
            ps.setLong(1, m.id());
            ps.setLong(2, m.channelId());
            ps.setLong(3, m.guildId());
            if (x != null && x.byWebhook()) {
                ps.setNull(4, java.sql.Types.BIGINT);
                ps.setString(17, m.author().username());
            } else {
                ps.setLong(4, m.author().id());
                ps.setNull(17, java.sql.Types.VARCHAR);
            }
            ps.setString(5, m.content());
            ps.setString(6, m.nonce());
            ps.setBoolean(7, m.tts());
            ps.setTimestamp(8, Timestamp.from(m.createdAt()));
            if (m.referenceId() != 0) {
                ps.setLong(9, m.referenceId());
            } else {
                ps.setNull(9, java.sql.Types.BIGINT);
            }
            if (x == null) {
                ps.setNull(10, java.sql.Types.INTEGER);
                ps.setInt(11, 0);
                ps.setNull(12, java.sql.Types.BIGINT);
                ps.setNull(13, java.sql.Types.BIGINT);
                ps.setNull(14, java.sql.Types.VARCHAR);
                ps.setNull(15, java.sql.Types.VARCHAR);
                ps.setNull(16, java.sql.Types.VARCHAR);
            } else {
                ps.setInt(10, x.type());
                ps.setInt(11, x.flags());
                if (x.webhookId() == 0) {
                    ps.setNull(12, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(12, x.webhookId());
                }
                if (x.applicationId() == 0) {
                    ps.setNull(13, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(13, x.applicationId());
                }
                ps.setString(14, x.components() == null ? null : Json.string(x.components()));
                ps.setString(15, x.interactionMetadata() == null ? null : Json.string(x.interactionMetadata()));
                ps.setString(16, x.embeds() == null ? null : Json.string(x.embeds()));
            }
            setMentions(ps, 18, m.mentions());
            ps.setString(21, m.attachments().isEmpty() ? null : Json.string(m.attachments()));
            ps.executeUpdate();
        }
    }

    /** Sets the three mention parameters from {@code first} on. */
    private static void setMentions(PreparedStatement ps, int first, Mentions mentions) throws SQLException {
        boolean none = mentions.users().isEmpty() && mentions.roles().isEmpty();
        ps.setString(first, none ? null : Json.string(mentions.users()));
        ps.setString(first + 1, none ? null : Json.string(mentions.roles()));
        ps.setBoolean(first + 2, mentions.everyone());
    }

    /** Replaces a message's mentions (its content was edited). */
    public static void updateMentions(Connection c, long messageId, Mentions mentions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET mentions = ?::jsonb, mention_roles = ?::jsonb, mention_everyone = ? WHERE id = ?")) {
            setMentions(ps, 1, mentions);
            ps.setLong(4, messageId);
            ps.executeUpdate();
        }
    }

    public static Message find(Connection c, long channelId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND m.channel_id = ? AND m.id = ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** A recent message of the author in the channel with the same nonce (enforce_nonce), or null. */
    public static Message findByNonce(Connection c, long channelId, long authorId, String nonce) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " " + """
                 AND m.channel_id = ? AND m.author_id = ? AND m.nonce = ?
                   AND m.created_at > now() - interval '5 minutes'
                 ORDER BY m.id DESC LIMIT 1""")) {
            ps.setLong(1, channelId);
            ps.setLong(2, authorId);
            ps.setString(3, nonce);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Newest first; {@code before}/{@code after} are exclusive message ids (0 = unbounded). */
    public static List<Message> page(Connection c, long channelId, long before, long after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" AND m.channel_id = ?");
        if (before > 0) {
            sql.append(" AND m.id < ?");
        }
        if (after > 0) {
            sql.append(" AND m.id > ?");
        }
        // with only 'after', Discord returns the messages right after it (oldest of the newer ones)
        boolean ascending = after > 0 && before == 0;
        sql.append(ascending ? " ORDER BY m.id ASC" : " ORDER BY m.id DESC").append(" LIMIT ?");
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, channelId);
            if (before > 0) {
                ps.setLong(i++, before);
            }
            if (after > 0) {
                ps.setLong(i++, after);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        if (ascending) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    /**
     * {@code around}: the message itself (if it exists) and the newer ones up to {@code limit - limit/2}, plus up to
     * {@code limit/2} older ones; newest first.
     */
    public static List<Message> pageAround(Connection c, long channelId, long around, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        List<Message> newer = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " AND m.channel_id = ? AND m.id >= ? ORDER BY m.id ASC LIMIT ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, around);
            ps.setInt(3, limit - limit / 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newer.add(read(rs));
                }
            }
        }
        java.util.Collections.reverse(newer);
        out.addAll(newer);
        if (limit / 2 > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    SELECT + " AND m.channel_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?")) {
                ps.setLong(1, channelId);
                ps.setLong(2, around);
                ps.setInt(3, limit / 2);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
        }
        return out;
    }

    private static Message read(ResultSet rs) throws SQLException {
        long uid = rs.getLong("uid");
        User author = rs.wasNull()
                ? new User(rs.getLong("webhook_id"), rs.getString("author_name"), null, true) // the webhook itself
                : new User(uid, rs.getString("username"), rs.getString("global_name"), rs.getBoolean("bot"));
        return new Message(rs.getLong("id"), rs.getLong("channel_id"), rs.getLong("guild_id"), author,
                rs.getString("content"), rs.getString("nonce"), rs.getBoolean("tts"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("edited_at") == null ? null : rs.getTimestamp("edited_at").toInstant(),
                rs.getLong("reference_message_id"), null,
                rs.getTimestamp("pinned_at") == null ? null : rs.getTimestamp("pinned_at").toInstant(), extras(rs),
                mentions(rs), rs.getString("attachments") == null ? Json.array()
                        : (ArrayNode) jsonColumn(rs, "attachments"));
    }

    /** Replaces a user message's attachments. */
    public static void updateAttachments(Connection c, long messageId, ArrayNode attachments) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET attachments = ?::jsonb WHERE id = ?")) {
            ps.setString(1, attachments.isEmpty() ? null : Json.string(attachments));
            ps.setLong(2, messageId);
            ps.executeUpdate();
        }
    }

    private static Mentions mentions(ResultSet rs) throws SQLException {
        JsonNode users = jsonColumn(rs, "mentions");
        JsonNode roles = jsonColumn(rs, "mention_roles");
        boolean everyone = rs.getBoolean("mention_everyone");
        if (users == null && !everyone) {
            return Mentions.none();
        }
        return new Mentions(users == null ? Json.array() : (ArrayNode) users,
                roles == null ? Json.array() : (ArrayNode) roles, everyone);
    }

    private static MessageExtras extras(ResultSet rs) throws SQLException {
        long webhookId = rs.getLong("webhook_id");
        boolean noWebhook = rs.wasNull();
        rs.getInt("type");
        if (noWebhook && rs.wasNull()) {
            return null; // a user's message (system messages have a type but no webhook)
        }
        return new MessageExtras(rs.getInt("type"), rs.getInt("flags"), webhookId, rs.getLong("application_id"),
                jsonColumn(rs, "components"), jsonColumn(rs, "interaction_metadata"), jsonColumn(rs, "embeds"));
    }

    private static JsonNode jsonColumn(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable " + column + " of a message", e);
        }
    }

    /**
     * A message sent through a webhook (an interaction's messages: the application's webhook), ephemeral ones
     * included, locked for update when {@code forUpdate}; null when there is none.
     */
    public static Message findWebhookMessage(Connection c, long messageId, long webhookId, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE m.id = ? AND m.webhook_id = ?"
                + (forUpdate ? " FOR UPDATE OF m" : ""))) {
            ps.setLong(1, messageId);
            ps.setLong(2, webhookId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Replaces a webhook message's content, flags, components and embeds (edits through a webhook token). */
    public static void updateWebhookMessage(Connection c, long messageId, String content, MessageExtras extras,
                                            Instant editedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE messages SET content = ?, flags = ?, components = ?::jsonb, embeds = ?::jsonb, edited_at = ?
                 WHERE id = ?""")) {
            ps.setString(1, content);
            ps.setInt(2, extras.flags());
            ps.setString(3, extras.components() == null ? null : Json.string(extras.components()));
            ps.setString(4, extras.embeds() == null ? null : Json.string(extras.embeds()));
            ps.setTimestamp(5, editedAt == null ? null : Timestamp.from(editedAt));
            ps.setLong(6, messageId);
            ps.executeUpdate();
        }
    }

    /** Sets or clears the pin. */
    public static void setPinned(Connection c, long messageId, Instant pinnedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET pinned_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, pinnedAt == null ? null : Timestamp.from(pinnedAt));
            ps.setLong(2, messageId);
            ps.executeUpdate();
        }
    }

    /** The channel's pinned messages, most recently pinned first. */
    public static List<Message> pins(Connection c, long channelId, int limit) throws SQLException {
        return pins(c, channelId, null, limit);
    }

    /** Pinned messages pinned before {@code before} (null = no bound), most recently pinned first. */
    public static List<Message> pins(Connection c, long channelId, Instant before, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND m.channel_id = ? AND m.pinned_at IS NOT NULL"
                + (before != null ? " AND m.pinned_at < ?" : "") + " ORDER BY m.pinned_at DESC, m.id DESC LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, channelId);
            if (before != null) {
                ps.setTimestamp(i++, Timestamp.from(before));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** The messages with the messages they reply to loaded (a deleted original stays null). */
    public static List<Message> withReferences(Connection c, List<Message> messages) throws SQLException {
        List<Long> refIds = messages.stream().map(Message::referenceId).filter(id -> id != 0).distinct().toList();
        if (refIds.isEmpty()) {
            return messages;
        }
        Map<Long, Message> refs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND m.id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", refIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Message r = read(rs);
                    refs.put(r.id(), r);
                }
            }
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(m.referenceId() == 0 ? m : m.withReference(m.referenceId(), refs.get(m.referenceId())));
        }
        return out;
    }

    public static Message withReference(Connection c, Message m) throws SQLException {
        return m == null || m.referenceId() == 0 ? m : withReferences(c, List.of(m)).get(0);
    }

    /** Locks and returns the message (for edit / delete / react in one transaction), or null. */
    public static Message findForUpdate(Connection c, long channelId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND m.channel_id = ? AND m.id = ? FOR UPDATE OF m")) {
            ps.setLong(1, channelId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    public static void updateContent(Connection c, long messageId, String content, Instant editedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET content = ?, edited_at = ? WHERE id = ?")) {
            ps.setString(1, content);
            ps.setTimestamp(2, Timestamp.from(editedAt));
            ps.setLong(3, messageId);
            ps.executeUpdate();
        }
    }

    /**
     * Replaces a message's embeds (an array, or null for none); a user's message gets its type (0, or 19 for a
     * reply) stored with them, as {@link MessageExtras#ofUser} reads.
     */
    public static void updateEmbeds(Connection c, long messageId, JsonNode embeds, int type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET embeds = ?::jsonb, type = COALESCE(type, ?) WHERE id = ?")) {
            ps.setString(1, embeds == null ? null : Json.string(embeds));
            ps.setInt(2, type);
            ps.setLong(3, messageId);
            ps.executeUpdate();
        }
    }

    /** Deletes the message (its reactions cascade); true if it existed. */
    public static boolean delete(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM messages WHERE id = ?")) {
            ps.setLong(1, messageId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Adds the user's reaction; false when it was already there. */
    public static boolean addReaction(Connection c, long messageId, Emoji emoji, long userId, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO message_reactions (message_id, emoji_key, emoji_id, emoji_name, user_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji.key());
            if (emoji.id() != 0) {
                ps.setLong(3, emoji.id());
            } else {
                ps.setNull(3, java.sql.Types.BIGINT);
            }
            ps.setString(4, emoji.name());
            ps.setLong(5, userId);
            ps.setTimestamp(6, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether anyone has reacted to the message with this emoji. */
    public static boolean hasReaction(Connection c, long messageId, Emoji emoji) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM message_reactions WHERE message_id = ? AND emoji_key = ? LIMIT 1")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Removes the user's reaction; false when there was none. */
    public static boolean removeReaction(Connection c, long messageId, Emoji emoji, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM message_reactions WHERE message_id = ? AND emoji_key = ? AND user_id = ?")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji.key());
            ps.setLong(3, userId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes those of the ids that are messages of the channel; returns deleted id → author id. */
    public static Map<Long, Long> deleteMany(Connection c, long channelId, Collection<Long> ids) throws SQLException {
        Map<Long, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM messages WHERE channel_id = ? AND id = ANY (?)"
                        + " RETURNING id, COALESCE(author_id, webhook_id) AS author_id")) {
            ps.setLong(1, channelId);
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong("id"), rs.getLong("author_id"));
                }
            }
        }
        return out;
    }

    /** Removes the message's reactions (all, or those with one emoji); returns (user id, emoji) of each removed. */
    public static List<Map.Entry<Long, Emoji>> removeReactions(Connection c, long messageId, Emoji emoji)
            throws SQLException {
        String sql = "DELETE FROM message_reactions WHERE message_id = ?"
                + (emoji != null ? " AND emoji_key = ?" : "") + " RETURNING user_id, emoji_id, emoji_name";
        List<Map.Entry<Long, Emoji>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, messageId);
            if (emoji != null) {
                ps.setString(2, emoji.key());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.entry(rs.getLong("user_id"),
                            new Emoji(rs.getLong("emoji_id"), rs.getString("emoji_name"))));
                }
            }
        }
        return out;
    }

    /** Users who reacted with the emoji, by user id ascending, after {@code after} (0 = from the start). */
    public static List<User> reactionUsers(Connection c, long messageId, Emoji emoji, long after, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.username, u.global_name, u.bot
                  FROM message_reactions r JOIN users u ON u.id = r.user_id
                 WHERE r.message_id = ? AND r.emoji_key = ? AND r.user_id > ?
                 ORDER BY r.user_id LIMIT ?""")) {
            ps.setLong(1, messageId);
            ps.setString(2, emoji.key());
            ps.setLong(3, after);
            ps.setInt(4, limit);
            List<User> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new User(rs.getLong("id"), rs.getString("username"), rs.getString("global_name"),
                            rs.getBoolean("bot")));
                }
            }
            return out;
        }
    }

    /** A message's reactions per emoji, in the order they were first added, seen by {@code viewerId}. */
    public record ReactionCount(Emoji emoji, int count, boolean me) {
    }

    /** Reactions of the given messages, keyed by message id (messages without reactions are absent). */
    public static Map<Long, List<ReactionCount>> reactions(Connection c, Collection<Long> messageIds, long viewerId)
            throws SQLException {
        Map<Long, List<ReactionCount>> out = new HashMap<>();
        if (messageIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT message_id, emoji_key, max(emoji_id) AS emoji_id, max(emoji_name) AS emoji_name,
                       count(*) AS n, bool_or(user_id = ?) AS me, min(created_at) AS first_at
                  FROM message_reactions WHERE message_id = ANY (?)
                 GROUP BY message_id, emoji_key ORDER BY message_id, first_at, emoji_key""")) {
            ps.setLong(1, viewerId);
            ps.setArray(2, c.createArrayOf("bigint", messageIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long emojiId = rs.getLong("emoji_id");
                    out.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>()).add(new ReactionCount(
                            new Emoji(emojiId, rs.getString("emoji_name")), rs.getInt("n"), rs.getBoolean("me")));
                }
            }
        }
        return out;
    }
}

package dev.guildhall.core.messages;

import dev.guildhall.core.auth.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** SQL for messages. */
public final class MessageStore {
    private static final String SELECT = """
            SELECT m.id, m.channel_id, m.guild_id, m.content, m.nonce, m.tts, m.created_at,
                   u.id AS uid, u.username, u.global_name, u.bot
              FROM messages m JOIN users u ON u.id = m.author_id""";

    private MessageStore() {
    }

    public static void insert(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (id, channel_id, guild_id, author_id, content, nonce, tts, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, m.id());
            ps.setLong(2, m.channelId());
            ps.setLong(3, m.guildId());
            ps.setLong(4, m.author().id());
            ps.setString(5, m.content());
            ps.setString(6, m.nonce());
            ps.setBoolean(7, m.tts());
            ps.setTimestamp(8, Timestamp.from(m.createdAt()));
            ps.executeUpdate();
        }
    }

    public static Message find(Connection c, long channelId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.channel_id = ? AND m.id = ?")) {
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
                 WHERE m.channel_id = ? AND m.author_id = ? AND m.nonce = ?
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
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE m.channel_id = ?");
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

    private static Message read(ResultSet rs) throws SQLException {
        User author = new User(rs.getLong("uid"), rs.getString("username"), rs.getString("global_name"),
                rs.getBoolean("bot"));
        return new Message(rs.getLong("id"), rs.getLong("channel_id"), rs.getLong("guild_id"), author,
                rs.getString("content"), rs.getString("nonce"), rs.getBoolean("tts"),
                rs.getTimestamp("created_at").toInstant());
    }
}

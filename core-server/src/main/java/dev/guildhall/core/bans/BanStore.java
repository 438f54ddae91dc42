package dev.guildhall.core.bans;

import dev.guildhall.core.auth.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for bans. */
public final class BanStore {
    private BanStore() {
    }

    public static boolean isBanned(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM bans WHERE guild_id = ? AND user_id = ?")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** False when the user was already banned (the ban is left as it is). */
    static boolean insert(Connection c, long guildId, long userId, String reason, long actorId, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bans (guild_id, user_id, reason, actor_id, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            ps.setString(3, reason);
            ps.setLong(4, actorId);
            ps.setTimestamp(5, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }

    static boolean delete(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bans WHERE guild_id = ? AND user_id = ?")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Bans in ascending user id order: with {@code before} the last {@code limit} below it (Discord respects only
     * {@code before} when both are given), else the first after {@code after}.
     */
    static List<Ban> page(Connection c, long guildId, long before, long after, int limit) throws SQLException {
        String sql = before != 0 ? """
                SELECT * FROM (SELECT u.id, u.username, u.global_name, u.bot, b.reason
                  FROM bans b JOIN users u ON u.id = b.user_id WHERE b.guild_id = ? AND b.user_id < ?
                 ORDER BY b.user_id DESC LIMIT ?) page ORDER BY id""" : """
                SELECT u.id, u.username, u.global_name, u.bot, b.reason
                  FROM bans b JOIN users u ON u.id = b.user_id WHERE b.guild_id = ? AND b.user_id > ?
                 ORDER BY b.user_id LIMIT ?""";
        List<Ban> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, guildId);
            ps.setLong(2, before != 0 ? before : after);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ban(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    static Ban find(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.username, u.global_name, u.bot, b.reason
                  FROM bans b JOIN users u ON u.id = b.user_id WHERE b.guild_id = ? AND b.user_id = ?""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Ban(new User(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)), rs.getString(5)) : null;
            }
        }
    }

    /** Deletes the user's messages in the guild sent at or after {@code since}; returns id → channel id. */
    static Map<Long, Long> deleteRecentMessages(Connection c, long guildId, long userId, Instant since)
            throws SQLException {
        Map<Long, Long> deleted = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM messages WHERE guild_id = ? AND author_id = ? AND created_at >= ?
                RETURNING id, channel_id""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return deleted;
    }
}

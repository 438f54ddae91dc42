package dev.guildhall.core.webhooks;

import dev.guildhall.core.auth.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** SQL for webhooks (tokens only as SHA-256 hashes). */
final class WebhookStore {
    private static final String SELECT = """
            SELECT w.id, w.type, w.guild_id, w.channel_id, w.name, w.created_at, w.token_hash,
                   u.id AS uid, u.username, u.global_name, u.bot
              FROM webhooks w LEFT JOIN users u ON u.id = w.creator_id""";

    private WebhookStore() {
    }

    /** A webhook and its token hash. */
    record Stored(Webhook webhook, byte[] tokenHash) {
    }

    static void insert(Connection c, Webhook w, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO webhooks (id, type, guild_id, channel_id, creator_id, name, token_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, w.id());
            ps.setInt(2, w.type());
            ps.setLong(3, w.guildId());
            ps.setLong(4, w.channelId());
            ps.setLong(5, w.creator().id());
            ps.setString(6, w.name());
            ps.setBytes(7, tokenHash);
            ps.setTimestamp(8, Timestamp.from(w.createdAt()));
            ps.executeUpdate();
        }
    }

    static Stored find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE w.id = ?" + (forUpdate ? " FOR UPDATE OF w" : ""))) {
            ps.setLong(1, id);
            List<Stored> l = read(ps);
            return l.isEmpty() ? null : l.get(0);
        }
    }

    static List<Webhook> ofChannel(Connection c, long channelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE w.channel_id = ? ORDER BY w.id")) {
            ps.setLong(1, channelId);
            return read(ps).stream().map(Stored::webhook).toList();
        }
    }

    static List<Webhook> ofGuild(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE w.guild_id = ? ORDER BY w.id")) {
            ps.setLong(1, guildId);
            return read(ps).stream().map(Stored::webhook).toList();
        }
    }

    static int countInChannel(Connection c, long channelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM webhooks WHERE channel_id = ?")) {
            ps.setLong(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void update(Connection c, long id, String name, long channelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhooks SET name = ?, channel_id = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, channelId);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static List<Stored> read(PreparedStatement ps) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long uid = rs.getLong("uid");
                User creator = rs.wasNull() ? null
                        : new User(uid, rs.getString("username"), rs.getString("global_name"), rs.getBoolean("bot"));
                out.add(new Stored(new Webhook(rs.getLong("id"), rs.getInt("type"), rs.getLong("guild_id"),
                        rs.getLong("channel_id"), creator, rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()), rs.getBytes("token_hash")));
            }
        }
        return out;
    }
}

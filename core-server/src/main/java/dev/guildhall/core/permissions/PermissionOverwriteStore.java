package dev.guildhall.core.permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for channel permission overwrites (table permission_overwrites). */
public final class PermissionOverwriteStore {
    private static final String COLUMNS = "target_id, type, allow, deny";

    private PermissionOverwriteStore() {
    }

    /** Overwrites of one channel, in target id order. */
    public static List<PermissionOverwrite> ofChannel(Connection c, long channelId) throws SQLException {
        List<PermissionOverwrite> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM permission_overwrites WHERE channel_id = ? ORDER BY target_id")) {
            ps.setLong(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Overwrites of every channel of a guild, by channel id. */
    public static Map<Long, List<PermissionOverwrite>> ofGuild(Connection c, long guildId) throws SQLException {
        Map<Long, List<PermissionOverwrite>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.channel_id, o.target_id, o.type, o.allow, o.deny"
                + " FROM permission_overwrites o JOIN channels ch ON ch.id = o.channel_id"
                + " WHERE ch.guild_id = ? ORDER BY o.channel_id, o.target_id")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong("channel_id"), k -> new ArrayList<>()).add(read(rs));
                }
            }
        }
        return out;
    }

    /** Creates or replaces the overwrite of a target in a channel. */
    public static void put(Connection c, long channelId, PermissionOverwrite o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO permission_overwrites (channel_id, target_id, type, allow, deny) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, target_id) DO UPDATE
                   SET type = EXCLUDED.type, allow = EXCLUDED.allow, deny = EXCLUDED.deny""")) {
            ps.setLong(1, channelId);
            ps.setLong(2, o.id());
            ps.setInt(3, o.type());
            ps.setLong(4, o.allow());
            ps.setLong(5, o.deny());
            ps.executeUpdate();
        }
    }

    /** Deletes one overwrite; false when there was none. */
    public static boolean delete(Connection c, long channelId, long targetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM permission_overwrites WHERE channel_id = ? AND target_id = ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, targetId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces all overwrites of a channel. */
    public static void replace(Connection c, long channelId, List<PermissionOverwrite> overwrites)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM permission_overwrites WHERE channel_id = ?")) {
            ps.setLong(1, channelId);
            ps.executeUpdate();
        }
        for (PermissionOverwrite o : overwrites) {
            put(c, channelId, o);
        }
    }

    private static PermissionOverwrite read(ResultSet rs) throws SQLException {
        return new PermissionOverwrite(rs.getLong("target_id"), rs.getInt("type"), rs.getLong("allow"),
                rs.getLong("deny"));
    }
}

package dev.guildhall.core.roles;

import dev.guildhall.core.guilds.Role;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL for role changes (reads and inserts are in GuildStore). */
final class RoleStore {
    private RoleStore() {
    }

    /** The role of the guild, locked for update, or null. */
    static Role findForUpdate(Connection c, long guildId, long roleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, guild_id, name, permissions, position, color, hoist, mentionable
                  FROM roles WHERE guild_id = ? AND id = ? FOR UPDATE""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, roleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Role(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8)) : null;
            }
        }
    }

    static int count(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM roles WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Serializes role changes of one guild (positions are renumbered as a whole). */
    static void update(Connection c, Role r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roles SET name = ?, permissions = ?, position = ?, color = ?, hoist = ?, mentionable = ?
                 WHERE id = ?""")) {
            ps.setString(1, r.name());
            ps.setLong(2, r.permissions());
            ps.setInt(3, r.position());
            ps.setInt(4, r.color());
            ps.setBoolean(5, r.hoist());
            ps.setBoolean(6, r.mentionable());
            ps.setLong(7, r.id());
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, long roleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM roles WHERE id = ?")) {
            ps.setLong(1, roleId);
            ps.executeUpdate();
        }
    }
}

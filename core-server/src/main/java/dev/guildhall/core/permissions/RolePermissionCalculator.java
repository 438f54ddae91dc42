package dev.guildhall.core.permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Discord's base-permission step: the owner has everything; otherwise @everyone (role id = guild id) OR the
 * member's roles; ADMINISTRATOR means everything. Channel overwrites are not applied yet.
 */
public final class RolePermissionCalculator implements PermissionCalculator {
    private static final String SQL = """
            SELECT coalesce(bit_or(r.permissions), 0)
              FROM roles r
             WHERE r.guild_id = ?
               AND (r.id = ? OR r.id IN (SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ?))""";

    @Override
    public long guildPermissions(Connection c, long guildId, long ownerId, long userId) throws SQLException {
        if (userId == ownerId) {
            return Permissions.ALL;
        }
        long perms;
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, guildId);
            ps.setLong(2, guildId);
            ps.setLong(3, guildId);
            ps.setLong(4, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                perms = rs.getLong(1);
            }
        }
        return (perms & Permissions.ADMINISTRATOR) != 0 ? Permissions.ALL : perms;
    }

    @Override
    public long channelPermissions(Connection c, long guildId, long ownerId, long channelId, long userId)
            throws SQLException {
        return guildPermissions(c, guildId, ownerId, userId);
    }
}

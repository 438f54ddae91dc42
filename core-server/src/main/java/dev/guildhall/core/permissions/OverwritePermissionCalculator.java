package dev.guildhall.core.permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's permission algorithm ({@link PermissionMath}) over the database: @everyone and the member's roles,
 * the member's timeout (members.communication_disabled_until), and the channel's permission overwrites.
 */
public final class OverwritePermissionCalculator implements PermissionCalculator {
    private static final String ROLES_SQL = """
            SELECT r.id, r.permissions
              FROM roles r
             WHERE r.guild_id = ?
               AND (r.id = ? OR r.id IN (SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ?))""";
    private static final String TIMEOUT_SQL = """
            SELECT coalesce(communication_disabled_until > now(), false)
              FROM members WHERE guild_id = ? AND user_id = ?""";

    /** A member's base permissions (timeout not applied) with what the channel step needs. */
    private record Base(long permissions, List<Long> roleIds, boolean timedOut) {
    }

    @Override
    public long guildPermissions(Connection c, long guildId, long ownerId, long userId) throws SQLException {
        Base base = base(c, guildId, ownerId, userId);
        return PermissionMath.guild(base.permissions(), base.timedOut());
    }

    @Override
    public long channelPermissions(Connection c, long guildId, long ownerId, long channelId, long userId)
            throws SQLException {
        Base base = base(c, guildId, ownerId, userId);
        if ((base.permissions() & Permissions.ADMINISTRATOR) != 0) {
            return Permissions.ALL;
        }
        int type;
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM channels WHERE id = ? AND guild_id = ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                type = rs.getInt(1);
            }
        }
        return PermissionMath.channel(base.permissions(), guildId, userId, base.roleIds(),
                PermissionOverwriteStore.ofChannel(c, channelId), type, base.timedOut());
    }

    private static Base base(Connection c, long guildId, long ownerId, long userId) throws SQLException {
        if (userId == ownerId) {
            return new Base(Permissions.ALL, List.of(), false);
        }
        long everyone = 0;
        List<Long> roleIds = new ArrayList<>();
        List<Long> rolePermissions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROLES_SQL)) {
            ps.setLong(1, guildId);
            ps.setLong(2, guildId);
            ps.setLong(3, guildId);
            ps.setLong(4, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) == guildId) {
                        everyone = rs.getLong(2);
                    } else {
                        roleIds.add(rs.getLong(1));
                        rolePermissions.add(rs.getLong(2));
                    }
                }
            }
        }
        boolean timedOut;
        try (PreparedStatement ps = c.prepareStatement(TIMEOUT_SQL)) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                timedOut = rs.next() && rs.getBoolean(1);
            }
        }
        long permissions = PermissionMath.base(false, everyone,
                rolePermissions.stream().mapToLong(Long::longValue).toArray());
        return new Base(permissions, roleIds, timedOut);
    }
}

package dev.guildhall.core.permissions;

import dev.guildhall.core.channels.Channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's permission algorithm ({@link PermissionMath}) over the database: @everyone and the member's roles,
 * the member's timeout (members.communication_disabled_until), and the channel's permission overwrites. A thread
 * has the permissions of its parent channel (docs: "Threads inherit permissions from the parent channel"); which
 * of them a thread action needs (SEND_MESSAGES_IN_THREADS instead of SEND_MESSAGES) is the caller's business.
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
        long permissionsOf;
        int type;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(p.id, ch.id), coalesce(p.type, ch.type)
                  FROM channels ch LEFT JOIN channels p ON p.id = ch.parent_id AND ch.type IN (10, 11, 12)
                 WHERE ch.id = ? AND ch.guild_id = ?""")) {
            ps.setLong(1, channelId);
            ps.setLong(2, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                permissionsOf = rs.getLong(1);
                type = rs.getInt(2);
            }
        }
        return PermissionMath.channel(base.permissions(), guildId, userId, base.roleIds(),
                PermissionOverwriteStore.ofChannel(c, permissionsOf), type, base.timedOut());
    }

    @Override
    public Map<Long, Long> channelPermissions(Connection c, long guildId, long ownerId, long userId)
            throws SQLException {
        Base base = base(c, guildId, ownerId, userId);
        Map<Long, List<PermissionOverwrite>> overwrites = PermissionOverwriteStore.ofGuild(c, guildId);
        record Row(long id, int type, long parentId) {
        }
        Map<Long, Row> channels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, type, coalesce(parent_id, 0) FROM channels WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    channels.put(rs.getLong(1), new Row(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
                }
            }
        }
        Map<Long, Long> out = new HashMap<>();
        for (Row row : channels.values()) {
            Row from = isThread(row.type()) ? channels.getOrDefault(row.parentId(), row) : row;
            out.put(row.id(), PermissionMath.channel(base.permissions(), guildId, userId, base.roleIds(),
                    overwrites.getOrDefault(from.id(), List.of()), from.type(), base.timedOut()));
        }
        return out;
    }

    private static boolean isThread(int type) {
        return type == Channel.ANNOUNCEMENT_THREAD || type == Channel.PUBLIC_THREAD || type == Channel.PRIVATE_THREAD;
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

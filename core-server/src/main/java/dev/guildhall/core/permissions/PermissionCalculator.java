package dev.guildhall.core.permissions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Computes a member's permissions with Discord's algorithm ({@link PermissionMath});
 * {@link OverwritePermissionCalculator} reads roles, timeouts and channel overwrites from the database.
 */
public interface PermissionCalculator {
    /** Guild-level permissions of a member (the caller has checked membership). */
    long guildPermissions(Connection c, long guildId, long ownerId, long userId) throws SQLException;

    /** Permissions of a member in a channel of the guild, overwrites and implicit rules applied. */
    long channelPermissions(Connection c, long guildId, long ownerId, long channelId, long userId) throws SQLException;

    /** Permissions of a member in every channel of the guild, by channel id (one pass for channel lists). */
    Map<Long, Long> channelPermissions(Connection c, long guildId, long ownerId, long userId) throws SQLException;
}

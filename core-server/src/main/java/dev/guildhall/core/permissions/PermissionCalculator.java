package dev.guildhall.core.permissions;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Computes a member's permissions. The skeleton implementation ({@link RolePermissionCalculator}) uses the owner
 * rule, @everyone and the member's roles; channel overwrites come with the permissions issue behind this seam.
 */
public interface PermissionCalculator {
    /** Guild-level permissions of a member (the caller has checked membership). */
    long guildPermissions(Connection c, long guildId, long ownerId, long userId) throws SQLException;

    /** Permissions of a member in a channel of the guild. */
    long channelPermissions(Connection c, long guildId, long ownerId, long channelId, long userId) throws SQLException;
}

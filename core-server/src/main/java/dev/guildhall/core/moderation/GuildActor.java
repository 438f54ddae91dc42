package dev.guildhall.core.moderation;

import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.Role;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A member acting on its guild, with Discord's permission hierarchy: the owner may do anything; anyone else needs
 * the permission, may only manage roles below its highest role, may only act on members whose highest role is below
 * its own, never on the owner, and may only grant permissions it has.
 *
 * @param permissions     guild-level permissions (everything for the owner and administrators)
 * @param highestPosition position of the actor's highest role (0 = only @everyone)
 */
public record GuildActor(Guild guild, long userId, long permissions, int highestPosition) {

    /** The caller as actor in the guild: 10004 for an unknown guild, 50001 for a non-member. */
    public static GuildActor of(Connection c, PermissionCalculator calculator, long guildId, long userId)
            throws SQLException {
        Guild guild = GuildService.requireMember(c, guildId, userId);
        long perms = calculator.guildPermissions(c, guildId, guild.ownerId(), userId);
        return new GuildActor(guild, userId, perms, highestPosition(c, guildId, userId));
    }

    /** The position of a member's highest role (0 when it has only @everyone). */
    public static int highestPosition(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(max(r.position), 0) FROM member_roles mr JOIN roles r ON r.id = mr.role_id
                 WHERE mr.guild_id = ? AND mr.user_id = ?""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public long guildId() {
        return guild.id();
    }

    public boolean isOwner() {
        return guild.ownerId() == userId;
    }

    public boolean has(long permission) {
        return Permissions.has(permissions, permission);
    }

    /** 50013 unless the actor has the permission. */
    public GuildActor require(long permission) {
        if (!has(permission)) {
            throw new MissingPermissions();
        }
        return this;
    }

    /** 50013 unless the role is below the actor's highest role (the owner manages every role). */
    public void requireAbove(Role role) {
        if (!isOwner() && role.position() >= highestPosition) {
            throw new MissingPermissions();
        }
    }

    /** 50013 unless the actor may grant these permissions (it has them all, or is the owner). */
    public void requireGrantable(long granted) {
        if (!isOwner() && (granted & ~permissions) != 0) {
            throw new MissingPermissions();
        }
    }

    /**
     * 50013 when the target is the owner, or (for a non-owner actor) when the target's highest role is not below
     * the actor's: kicking, banning, timing out and renaming follow this rule.
     */
    public void requireAboveMember(Connection c, long targetUserId) throws SQLException {
        if (targetUserId == guild.ownerId()) {
            throw new MissingPermissions();
        }
        if (!isOwner() && highestPosition(c, guild.id(), targetUserId) >= highestPosition) {
            throw new MissingPermissions();
        }
    }
}

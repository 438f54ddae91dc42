package dev.guildhall.core.channels;

import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownChannel;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The access check every channel route goes through, in Discord's order: unknown channel → 10003; not a member
 * of its guild or cannot VIEW_CHANNEL → 50001 Missing Access; lacks a required permission → 50013.
 */
public final class ChannelAccess {
    private final PermissionCalculator permissions;

    public ChannelAccess(PermissionCalculator permissions) {
        this.permissions = permissions;
    }

    public ChannelGrant require(Connection c, long channelId, long userId, long requiredPermissions)
            throws SQLException {
        Channel channel = ChannelStore.find(c, channelId);
        if (channel == null) {
            throw new UnknownChannel();
        }
        Guild guild = GuildStore.find(c, channel.guildId());
        if (guild == null || !GuildStore.isMember(c, guild.id(), userId)) {
            throw new MissingAccess();
        }
        long perms = permissions.channelPermissions(c, guild.id(), guild.ownerId(), channel.id(), userId);
        if (!Permissions.has(perms, Permissions.VIEW_CHANNEL)) {
            throw new MissingAccess();
        }
        if (!Permissions.has(perms, requiredPermissions)) {
            throw new MissingPermissions();
        }
        return new ChannelGrant(channel, guild, perms);
    }

    /**
     * Whether a user may see a channel (member of its guild and VIEW_CHANNEL there) - what the gateway asks before
     * delivering a channel's events. False for unknown channels.
     */
    public boolean canView(Connection c, long channelId, long userId) throws SQLException {
        Channel channel = ChannelStore.find(c, channelId);
        if (channel == null) {
            return false;
        }
        Guild guild = GuildStore.find(c, channel.guildId());
        if (guild == null || !GuildStore.isMember(c, guild.id(), userId)) {
            return false;
        }
        long perms = permissions.channelPermissions(c, guild.id(), guild.ownerId(), channel.id(), userId);
        return Permissions.has(perms, Permissions.VIEW_CHANNEL);
    }
}

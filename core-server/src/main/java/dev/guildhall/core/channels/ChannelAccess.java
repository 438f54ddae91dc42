package dev.guildhall.core.channels;

import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownChannel;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.threads.ThreadStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The access check every channel route goes through, in Discord's order: unknown channel → 10003; not a member
 * of its guild or cannot VIEW_CHANNEL → 50001 Missing Access; lacks a required permission → 50013.
 *
 * <p>Threads: a thread's permissions are its parent channel's; a private thread is visible only to its members and
 * to holders of MANAGE_THREADS; SEND_MESSAGES has no effect in a thread, SEND_MESSAGES_IN_THREADS is asked instead.
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
        long perms = permissionsIn(c, guild, channel, userId);
        if (!visible(c, channel, userId, perms)) {
            throw new MissingAccess();
        }
        if (!Permissions.has(perms, channel.isThread() ? inThread(requiredPermissions) : requiredPermissions)) {
            throw new MissingPermissions();
        }
        return new ChannelGrant(channel, guild, perms);
    }

    /**
     * Whether a user may see a channel (member of its guild and VIEW_CHANNEL there; for a private thread also a
     * member of it or MANAGE_THREADS) - what the gateway asks before delivering a channel's events. False for
     * unknown channels.
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
        return visible(c, channel, userId, permissionsIn(c, guild, channel, userId));
    }

    /**
     * A user's permissions in a channel, without the visibility checks of {@link #require} (a moderator may move a
     * member into a voice channel the member cannot see); 0 when its guild is gone.
     */
    public long permissionsOf(Connection c, Channel channel, long userId) throws SQLException {
        Guild guild = GuildStore.find(c, channel.guildId());
        return guild == null ? 0 : permissionsIn(c, guild, channel, userId);
    }

    /** The user's permissions in a channel; in a thread, those in its parent channel. */
    private long permissionsIn(Connection c, Guild guild, Channel channel, long userId) throws SQLException {
        long source = channel.isThread() && channel.parentId() != null ? channel.parentId() : channel.id();
        return permissions.channelPermissions(c, guild.id(), guild.ownerId(), source, userId);
    }

    private static boolean visible(Connection c, Channel channel, long userId, long perms) throws SQLException {
        if (!Permissions.has(perms, Permissions.VIEW_CHANNEL)) {
            return false;
        }
        return channel.type() != Channel.PRIVATE_THREAD || Permissions.has(perms, Permissions.MANAGE_THREADS)
                || ThreadStore.isMember(c, channel.id(), userId);
    }

    /** In threads SEND_MESSAGES_IN_THREADS replaces SEND_MESSAGES. */
    private static long inThread(long required) {
        if ((required & Permissions.SEND_MESSAGES) == 0) {
            return required;
        }
        return (required & ~Permissions.SEND_MESSAGES) | Permissions.SEND_MESSAGES_IN_THREADS;
    }
}

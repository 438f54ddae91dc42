package dev.guildhall.core.threads;

import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.errors.WrongChannelType;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.SQLException;

/** The access checks of the thread routes: the named channel must be a visible thread, or a thread parent. */
final class ThreadLookup {
    private ThreadLookup() {
    }

    /** A thread the caller can see, with the caller's permissions (those of its parent channel). */
    record VisibleThread(ChannelGrant grant, GuildThread thread) {
        boolean moderator() {
            return Permissions.has(grant.permissions(), Permissions.MANAGE_THREADS);
        }
    }

    /** The visible thread, its metadata row locked for the rest of the transaction (50024 for a non-thread). */
    static VisibleThread requireForUpdate(Connection c, ChannelAccess access, long threadId, long userId,
                                          long required) throws SQLException {
        ChannelGrant grant = require(c, access, threadId, userId, required);
        return new VisibleThread(grant, ThreadStore.findForUpdate(c, threadId));
    }

    /** The caller's grant on a visible thread (50024 for a channel that is not a thread). */
    static ChannelGrant require(Connection c, ChannelAccess access, long threadId, long userId, long required)
            throws SQLException {
        ChannelGrant grant = access.require(c, threadId, userId, required);
        if (!grant.channel().isThread()) {
            throw new WrongChannelType();
        }
        return grant;
    }

    /** Threads live in text and announcement channels only (50024 otherwise). */
    static void requireParent(Channel parent) {
        if (parent.type() != Channel.GUILD_TEXT && parent.type() != Channel.GUILD_ANNOUNCEMENT) {
            throw new WrongChannelType();
        }
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Collection;

/**
 * What the gateway sessions of every node share: users' presences and the per-user session start limit. The
 * primary keeps both in its memory ({@link LocalSessionCoordinator}); a gateway node asks the primary over its
 * link ({@link RemoteSessionCoordinator}), so a user's presence is one across nodes and the start limit cannot be
 * dodged by spreading IDENTIFYs over nodes.
 */
public interface SessionCoordinator {
    /** Counts an IDENTIFY; false when the account has none left. May block (worker threads only). */
    boolean tryStartSession(long userId);

    /** A session (re)set its presence; {@code guilds} are the session's guilds. Must not block. */
    void presenceSet(long userId, String sessionId, Presence presence, Collection<Long> guilds);

    /** A session ended. Must not block. */
    void presenceEnded(long userId, String sessionId, Collection<Long> guilds);

    /** The presences (not offline) of the given members, as GUILD_CREATE lists them. May block. */
    ArrayNode presences(long guildId, Collection<Long> userIds);
}

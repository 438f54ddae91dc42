package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Collection;

/** The primary's presences and session start limits, in its memory. */
final class LocalSessionCoordinator implements SessionCoordinator {
    private final PresenceTracker presences;
    private final SessionStartLimiter sessionStarts = new SessionStartLimiter();

    LocalSessionCoordinator(PresenceTracker presences) {
        this.presences = presences;
    }

    @Override
    public boolean tryStartSession(long userId) {
        return sessionStarts.tryStart(userId);
    }

    @Override
    public void presenceSet(long userId, String sessionId, Presence presence, Collection<Long> guilds) {
        presences.set(userId, sessionId, presence, guilds);
    }

    @Override
    public void presenceEnded(long userId, String sessionId, Collection<Long> guilds) {
        presences.ended(userId, sessionId, guilds);
    }

    @Override
    public ArrayNode presences(long guildId, Collection<Long> userIds) {
        return presences.presences(guildId, userIds);
    }

    SessionStartLimiter.Limit sessionStartLimit(long userId) {
        return sessionStarts.limit(userId);
    }
}

package dev.guildhall.core.guilds;

/** Told after a user joined a guild (committed), e.g. so the gateway subscribes the user's sessions. */
@FunctionalInterface
public interface MembershipListener {
    void memberAdded(long guildId, long userId);
}

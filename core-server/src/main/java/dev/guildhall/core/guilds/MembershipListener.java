package dev.guildhall.core.guilds;

/**
 * Told about membership changes after they committed, e.g. so the gateway subscribes a joiner's sessions or stops a
 * removed member's sessions from receiving the guild's events.
 */
public interface MembershipListener {
    void memberAdded(long guildId, long userId);

    /** The user left, was kicked or was banned: its sessions leave the guild and get GUILD_DELETE. */
    void memberRemoved(long guildId, long userId);

    /** The guild is gone: every session in it gets GUILD_DELETE and stops receiving its events. */
    void guildDeleted(long guildId);
}

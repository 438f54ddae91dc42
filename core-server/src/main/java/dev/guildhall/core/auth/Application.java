package dev.guildhall.core.auth;

/** An application (bot) owned by a user. */
public record Application(long id, String name, long ownerId, long botUserId, int flags) {
    public static final int GATEWAY_PRESENCE = 1 << 12;
    public static final int GATEWAY_PRESENCE_LIMITED = 1 << 13;
    public static final int GATEWAY_GUILD_MEMBERS = 1 << 14;
    public static final int GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15;
    public static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;
    public static final int GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19;
}

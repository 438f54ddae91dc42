package dev.guildhall.core.gateway;

import dev.guildhall.core.auth.Application;

/** Gateway intent bits (Discord v10). */
public final class Intents {
    public static final int GUILDS = 1;
    public static final int GUILD_MEMBERS = 1 << 1;
    public static final int GUILD_MODERATION = 1 << 2;
    public static final int GUILD_INVITES = 1 << 6;
    public static final int GUILD_PRESENCES = 1 << 8;
    public static final int GUILD_MESSAGES = 1 << 9;
    public static final int MESSAGE_CONTENT = 1 << 15;
    /** Highest defined intent is DIRECT_MESSAGE_POLLS (1 << 25). */
    public static final int ALL_DEFINED = (1 << 26) - 1;
    public static final int PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
    /** What a user session gets when it sends no intents (users are not limited by privileged intents). */
    public static final int USER_DEFAULT = ALL_DEFINED;

    private Intents() {
    }

    public static boolean isValid(long intents) {
        return intents >= 0 && (intents & ~(long) ALL_DEFINED) == 0;
    }

    /** The privileged intents that the application's flags do not allow (0 = all allowed). */
    public static int disallowed(int intents, int applicationFlags) {
        int missing = 0;
        if ((intents & GUILD_MEMBERS) != 0 && (applicationFlags
                & (Application.GATEWAY_GUILD_MEMBERS | Application.GATEWAY_GUILD_MEMBERS_LIMITED)) == 0) {
            missing |= GUILD_MEMBERS;
        }
        if ((intents & GUILD_PRESENCES) != 0 && (applicationFlags
                & (Application.GATEWAY_PRESENCE | Application.GATEWAY_PRESENCE_LIMITED)) == 0) {
            missing |= GUILD_PRESENCES;
        }
        if ((intents & MESSAGE_CONTENT) != 0 && (applicationFlags
                & (Application.GATEWAY_MESSAGE_CONTENT | Application.GATEWAY_MESSAGE_CONTENT_LIMITED)) == 0) {
            missing |= MESSAGE_CONTENT;
        }
        return missing;
    }
}

package dev.guildhall.core.gateway;

import dev.guildhall.core.auth.Application;

import java.util.HashMap;
import java.util.Map;

/** Gateway intent bits (Discord v10). */
public final class Intents {
    public static final int GUILDS = 1;
    public static final int GUILD_MEMBERS = 1 << 1;
    public static final int GUILD_MODERATION = 1 << 2;
    public static final int GUILD_EXPRESSIONS = 1 << 3;
    public static final int GUILD_INTEGRATIONS = 1 << 4;
    public static final int GUILD_WEBHOOKS = 1 << 5;
    public static final int GUILD_INVITES = 1 << 6;
    public static final int GUILD_VOICE_STATES = 1 << 7;
    public static final int GUILD_PRESENCES = 1 << 8;
    public static final int GUILD_MESSAGES = 1 << 9;
    public static final int GUILD_MESSAGE_REACTIONS = 1 << 10;
    public static final int GUILD_MESSAGE_TYPING = 1 << 11;
    public static final int DIRECT_MESSAGES = 1 << 12;
    public static final int DIRECT_MESSAGE_REACTIONS = 1 << 13;
    public static final int DIRECT_MESSAGE_TYPING = 1 << 14;
    public static final int MESSAGE_CONTENT = 1 << 15;
    public static final int GUILD_SCHEDULED_EVENTS = 1 << 16;
    public static final int AUTO_MODERATION_CONFIGURATION = 1 << 20;
    public static final int AUTO_MODERATION_EXECUTION = 1 << 21;
    public static final int GUILD_MESSAGE_POLLS = 1 << 24;
    public static final int DIRECT_MESSAGE_POLLS = 1 << 25;
    /** Highest defined intent is DIRECT_MESSAGE_POLLS (1 << 25). */
    public static final int ALL_DEFINED = (1 << 26) - 1;
    public static final int PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
    /** What a user session gets when it sends no intents (users are not limited by privileged intents). */
    public static final int USER_DEFAULT = ALL_DEFINED;

    /**
     * The intent each guild dispatch belongs to, from Discord's list of intents. GUILD_CREATE is not here: it is
     * always sent to a session's own guilds (READY and joins). Discord lists THREAD_MEMBERS_UPDATE under both GUILDS
     * and GUILD_MEMBERS ("contains different data depending on which intents are used"): without GUILD_MEMBERS a
     * session gets it only when its own user was added or removed. The map holds every intent an event is listed
     * under; the publisher picks among them (GUILDS for the copy sent to the added/removed user, GUILD_MEMBERS for
     * the copy about others).
     */
    private static final Map<String, Integer> GUILD_EVENTS = new HashMap<>();

    static {
        map(GUILDS, "GUILD_UPDATE", "GUILD_DELETE", "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE",
                "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "CHANNEL_PINS_UPDATE", "THREAD_CREATE",
                "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC", "THREAD_MEMBER_UPDATE", "THREAD_MEMBERS_UPDATE",
                "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE");
        map(GUILD_MEMBERS, "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE", "THREAD_MEMBERS_UPDATE");
        map(GUILD_MODERATION, "GUILD_AUDIT_LOG_ENTRY_CREATE", "GUILD_BAN_ADD", "GUILD_BAN_REMOVE");
        map(GUILD_EXPRESSIONS, "GUILD_EMOJIS_UPDATE", "GUILD_STICKERS_UPDATE", "GUILD_SOUNDBOARD_SOUND_CREATE",
                "GUILD_SOUNDBOARD_SOUND_UPDATE", "GUILD_SOUNDBOARD_SOUND_DELETE", "GUILD_SOUNDBOARD_SOUNDS_UPDATE");
        map(GUILD_INTEGRATIONS, "GUILD_INTEGRATIONS_UPDATE", "INTEGRATION_CREATE", "INTEGRATION_UPDATE",
                "INTEGRATION_DELETE");
        map(GUILD_WEBHOOKS, "WEBHOOKS_UPDATE");
        map(GUILD_INVITES, "INVITE_CREATE", "INVITE_DELETE");
        map(GUILD_VOICE_STATES, "VOICE_CHANNEL_EFFECT_SEND", "VOICE_STATE_UPDATE");
        map(GUILD_PRESENCES, "PRESENCE_UPDATE");
        map(GUILD_MESSAGES, "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK");
        map(GUILD_MESSAGE_REACTIONS, "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE",
                "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI");
        map(GUILD_MESSAGE_TYPING, "TYPING_START");
        map(GUILD_SCHEDULED_EVENTS, "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE",
                "GUILD_SCHEDULED_EVENT_DELETE", "GUILD_SCHEDULED_EVENT_USER_ADD", "GUILD_SCHEDULED_EVENT_USER_REMOVE");
        map(AUTO_MODERATION_CONFIGURATION, "AUTO_MODERATION_RULE_CREATE", "AUTO_MODERATION_RULE_UPDATE",
                "AUTO_MODERATION_RULE_DELETE");
        map(AUTO_MODERATION_EXECUTION, "AUTO_MODERATION_ACTION_EXECUTION");
        map(GUILD_MESSAGE_POLLS, "MESSAGE_POLL_VOTE_ADD", "MESSAGE_POLL_VOTE_REMOVE");
    }

    private static void map(int intent, String... types) {
        for (String t : types) {
            GUILD_EVENTS.merge(t, intent, (a, b) -> a | b);
        }
    }

    private Intents() {
    }

    /**
     * The intent a session needs for a guild dispatch: Discord's list decides for the event types it names (so a
     * publisher cannot pick a wrong bit). For a type listed under several intents the publisher's {@code intent}
     * decides when it is one of them, else the lowest listed one. Other types use the dispatch's own {@code intent}
     * (0 = always sent).
     */
    public static int required(Dispatch dispatch) {
        Integer listed = GUILD_EVENTS.get(dispatch.type());
        if (listed == null) {
            return dispatch.intent();
        }
        if (Integer.bitCount(dispatch.intent()) == 1 && (listed & dispatch.intent()) != 0) {
            return dispatch.intent();
        }
        return Integer.lowestOneBit(listed);
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

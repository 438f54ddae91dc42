package dev.guildhall.events;

import java.util.List;

/** Kafka topic names of the event contract. The Kafka key of every record is the guild id (per-guild order). */
public final class Topics {
    public static final String MESSAGES = "guildhall.messages";
    /** Guild structure: the guild itself, channels, threads, roles, overwrites, invites, webhooks, commands. */
    public static final String GUILDS = "guildhall.guilds";
    /** Members joining, changing (nick, roles, timeout) and leaving. */
    public static final String MEMBERS = "guildhall.members";
    public static final String PRESENCE = "guildhall.presence";
    public static final String VOICE_SESSIONS = "guildhall.voice.sessions";
    public static final String VOICE_QUALITY = "guildhall.voice.quality";
    public static final String MODERATION = "guildhall.moderation";
    public static final String AUTOMOD_VERDICTS = "guildhall.automod.verdicts";
    public static final String ALERTS = "guildhall.alerts";
    /** Compacted: key = voice server id, value = latest health. */
    public static final String VOICE_HEALTH = "guildhall.voice.health";
    /** Compacted: key = voice server id, value = its latest registration heartbeat. */
    public static final String VOICE_SERVERS = "guildhall.voice.servers";
    /** Events that failed to parse or violate the contract, with the reason. */
    public static final String DEAD_LETTER = "guildhall.dead-letter";

    public static final List<String> ALL = List.of(MESSAGES, GUILDS, MEMBERS, PRESENCE, VOICE_SESSIONS, VOICE_QUALITY,
            MODERATION, AUTOMOD_VERDICTS, ALERTS, VOICE_HEALTH, VOICE_SERVERS,
            DEAD_LETTER);

    private Topics() {
    }
}

package dev.guildhall.core.voice;

/**
 * Where voice connections go: the voice server chosen for a user's connection to a channel (VOICE_SERVER_UPDATE's
 * {@code token} and {@code endpoint}), and the end of it. {@link EmbeddedVoiceServers} is core-server's own voice
 * gateway; {@code core.voice.fleet.VoiceFleet} chooses among separate voice nodes and moves connections off a
 * node that dies or turns unhealthy.
 */
public interface VoiceServers {
    /**
     * VOICE_SERVER_UPDATE's content.
     *
     * @param voiceServer id of the chosen server, null when none is available
     * @param endpoint    {@code host:port}, null when none is available (Discord: "the voice server allocated has
     *                    gone away and is trying to be reallocated")
     */
    record Assignment(String voiceServer, String endpoint, String token) {
    }

    /** Called when connections must move: send these members a new VOICE_SERVER_UPDATE. */
    interface Mover {
        void move(long guildId, long userId);
    }

    /**
     * Choose a server for a user's voice connection to a channel; replaces the user's earlier assignment in the guild.
     *
     * @param rtcRegion the channel's {@code rtc_region}, null for automatic
     */
    Assignment assign(long guildId, long channelId, long userId, String sessionId, String rtcRegion);

    /** The user's voice connection in the guild ended (left, moved, session ended): the server closes it (4014). */
    void disconnect(long guildId, long userId);

    /**
     * Whether the server forwards the user's audio in the guild (false: server-muted or no SPEAK; Discord drops it).
     * Holds for the user's current and next connection until the user's assignment ends ({@link #disconnect}).
     */
    void maySpeak(long guildId, long userId, boolean allowed);

    /**
     * Whether the server sends the user audio in the guild (false: server- or self-deafened). Holds for the user's
     * current and next connection until the user's assignment ends ({@link #disconnect}).
     */
    void mayHear(long guildId, long userId, boolean allowed);

    /** Who moves connections when their server goes away; servers that never move connections ignore it. */
    default void onMove(Mover mover) {
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A gateway session as the voice feature addresses it: a {@link GatewaySession} of this process, or on the primary
 * a session of a linked gateway node ({@link GatewayLinkServer}, whose dispatches travel back over the link).
 */
public interface VoiceStateSession {
    String sessionId();

    long userId();

    int intents();

    /** Whether the session follows the guild (receives its events). */
    boolean follows(long guildId);

    /** Sends one dispatch to this session only (VOICE_SERVER_UPDATE, or VOICE_STATE_UPDATE the intents miss). */
    void dispatchDirect(String type, ObjectNode data);
}

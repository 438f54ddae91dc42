package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;

/**
 * What the gateway does with voice state: op 4 requests, the end of sessions (their voice states go) and the
 * {@code voice_states} of GUILD_CREATE. Implemented by the voice feature ({@code core.voice.VoiceStateService}) on
 * the primary, and by {@link NodeVoiceStates} (forwarding to the primary) on a gateway node.
 */
public interface VoiceStateHandler {
    /** Op 4 from an identified session; runs on a worker thread (a node's: the link's reader), may block. */
    void update(VoiceStateSession session, VoiceStateRequest request);

    /** The session ended for good (closed, expired or revoked): every voice state it holds is left. */
    void sessionEnded(VoiceStateSession session);

    /** The session stopped following a guild (the user left or was removed, or the guild was deleted). */
    void guildLeft(VoiceStateSession session, long guildId);

    /** The guild's current voice states, as GUILD_CREATE lists them (a fresh array). */
    ArrayNode voiceStates(long guildId);

    /** Voice switched off: op 4 is accepted and ignored, GUILD_CREATE lists no voice states. */
    VoiceStateHandler NONE = new VoiceStateHandler() {
        @Override
        public void update(VoiceStateSession session, VoiceStateRequest request) {
        }

        @Override
        public void sessionEnded(VoiceStateSession session) {
        }

        @Override
        public void guildLeft(VoiceStateSession session, long guildId) {
        }

        @Override
        public ArrayNode voiceStates(long guildId) {
            return Json.mapper().createArrayNode();
        }
    };
}

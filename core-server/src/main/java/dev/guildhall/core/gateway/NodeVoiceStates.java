package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

/**
 * Voice on a gateway node: voice states live on the primary. Op 4 is forwarded over the link ({@code voice}: the
 * session's id, user and intents, and the request) and the primary applies it as for its own sessions
 * ({@link RemoteVoiceSession}); the end of a session ({@code voice_end}) and leaving a guild ({@code voice_left})
 * travel the same way, in order. GUILD_CREATE lists the primary's voice states (asked over the link).
 */
final class NodeVoiceStates implements VoiceStateHandler {
    private final GatewayLinkClient link;

    NodeVoiceStates(GatewayLinkClient link) {
        this.link = link;
    }

    @Override
    public void update(VoiceStateSession session, VoiceStateRequest request) {
        if (!session.follows(request.guildId())) {
            return; // as on the primary: a guild the session does not follow is ignored
        }
        ObjectNode f = LinkFrames.frame("voice").put("s", session.sessionId()).put("u", session.userId())
                .put("i", session.intents()).put("g", request.guildId()).put("c", request.channelId())
                .put("mute", request.selfMute()).put("deaf", request.selfDeaf()).put("video", request.selfVideo());
        link.send(f); // unlinked: the session is about to end anyway (the node ends them all on a link loss)
    }

    @Override
    public void sessionEnded(VoiceStateSession session) {
        link.send(LinkFrames.frame("voice_end").put("s", session.sessionId()));
    }

    @Override
    public void guildLeft(VoiceStateSession session, long guildId) {
        link.send(LinkFrames.frame("voice_left").put("s", session.sessionId()).put("g", guildId));
    }

    @Override
    public ArrayNode voiceStates(long guildId) {
        JsonNode r = link.call(Json.object().put("op", "voice_states").put("g", guildId)).get("r");
        return r instanceof ArrayNode a ? a : Json.mapper().createArrayNode();
    }
}

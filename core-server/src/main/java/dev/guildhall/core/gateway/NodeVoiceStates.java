package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;

/**
 * Voice on a gateway node: GUILD_CREATE lists the primary's voice states (asked over the link); op 4 is refused
 * (voice server selection lives in the primary): the connection is closed with 4000 and a reason that says so, and
 * the client can resume or identify on the primary's gateway.
 */
final class NodeVoiceStates implements VoiceStateHandler {
    static final String OP4_REFUSED = "Voice state updates (op 4) are served by the primary gateway only.";

    private final GatewayLinkClient link;

    NodeVoiceStates(GatewayLinkClient link) {
        this.link = link;
    }

    @Override
    public void update(GatewaySession session, VoiceStateRequest request) {
        session.closeConnection(GatewayOp.CLOSE_UNKNOWN_ERROR, OP4_REFUSED);
    }

    @Override
    public void sessionEnded(GatewaySession session) {
        // sessions on a node never hold voice states
    }

    @Override
    public void guildLeft(GatewaySession session, long guildId) {
        // sessions on a node never hold voice states
    }

    @Override
    public ArrayNode voiceStates(long guildId) {
        JsonNode r = link.call(Json.object().put("op", "voice_states").put("g", guildId)).get("r");
        return r instanceof ArrayNode a ? a : Json.mapper().createArrayNode();
    }
}

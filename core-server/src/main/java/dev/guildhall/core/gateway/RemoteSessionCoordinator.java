package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.util.Collection;

/** A gateway node's presences and session start limits: the primary's, over the link. */
final class RemoteSessionCoordinator implements SessionCoordinator {
    private final GatewayLinkClient link;

    RemoteSessionCoordinator(GatewayLinkClient link) {
        this.link = link;
    }

    @Override
    public boolean tryStartSession(long userId) {
        return link.call(Json.object().put("op", "start").put("u", userId)).path("ok").asBoolean(false);
    }

    @Override
    public void presenceSet(long userId, String sessionId, Presence presence, Collection<Long> guilds) {
        ObjectNode f = LinkFrames.frame("presence").put("u", userId).put("s", sessionId);
        f.set("p", LinkFrames.presence(presence));
        LinkFrames.putIds(f, "guilds", guilds);
        link.send(f);
    }

    @Override
    public void presenceEnded(long userId, String sessionId, Collection<Long> guilds) {
        ObjectNode f = LinkFrames.frame("presence_end").put("u", userId).put("s", sessionId);
        LinkFrames.putIds(f, "guilds", guilds);
        link.send(f);
    }

    @Override
    public ArrayNode presences(long guildId, Collection<Long> userIds) {
        ObjectNode request = Json.object().put("op", "presences").put("g", guildId);
        LinkFrames.putIds(request, "users", userIds);
        JsonNode r = link.call(request).get("r");
        return r instanceof ArrayNode a ? a : Json.mapper().createArrayNode();
    }
}

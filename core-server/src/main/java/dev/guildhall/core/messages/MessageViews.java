package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.json.Json;

/** Discord's message object. */
public final class MessageViews {
    private MessageViews() {
    }

    /**
     * @param nonce the nonce as the client sent it (string or integer), or null to omit it
     */
    public static ObjectNode message(Message m, JsonNode nonce) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(m.id()));
        o.put("type", 0);
        o.put("content", m.content());
        o.put("channel_id", Json.id(m.channelId()));
        o.put("guild_id", Json.id(m.guildId()));
        o.set("author", UserViews.user(m.author()));
        o.putArray("attachments");
        o.putArray("embeds");
        o.putArray("mentions");
        o.putArray("mention_roles");
        o.putArray("mention_channels");
        o.putArray("components");
        o.put("pinned", false);
        o.put("mention_everyone", false);
        o.put("tts", m.tts());
        o.put("timestamp", Json.timestamp(m.createdAt()));
        o.putNull("edited_timestamp");
        o.put("flags", 0);
        if (nonce != null && !nonce.isNull()) {
            o.set("nonce", nonce);
        }
        return o;
    }

    /** A copy without what the MESSAGE_CONTENT intent protects (content, embeds, attachments, components). */
    public static ObjectNode withoutContent(ObjectNode message) {
        ObjectNode o = message.deepCopy();
        o.put("content", "");
        o.putArray("embeds");
        o.putArray("attachments");
        o.putArray("components");
        o.remove("poll");
        return o;
    }
}

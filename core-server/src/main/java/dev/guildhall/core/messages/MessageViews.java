package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.json.Json;

import java.util.List;

/** Discord's message object. */
public final class MessageViews {
    private MessageViews() {
    }

    /**
     * @param nonce the nonce as the client sent it (string or integer), or null to omit it
     */
    public static ObjectNode message(Message m, JsonNode nonce) {
        ObjectNode o = Json.object();
        MessageExtras x = m.extras();
        o.put("id", Json.id(m.id()));
        o.put("type", x != null ? x.type() : m.referenceId() != 0 ? 19 : 0);
        o.put("content", m.content());
        o.put("channel_id", Json.id(m.channelId()));
        o.put("guild_id", Json.id(m.guildId()));
        o.set("author", UserViews.user(m.author()));
        o.set("attachments", m.attachments().deepCopy());
        if (x != null && x.embeds() != null) {
            o.set("embeds", x.embeds().deepCopy());
        } else {
            o.putArray("embeds");
        }
        o.set("mentions", m.mentions().users().deepCopy());
        o.set("mention_roles", m.mentions().roles().deepCopy());
        if (x != null && x.components() != null) {
            o.set("components", x.components().deepCopy());
        } else {
            o.putArray("components");
        }
        o.put("pinned", m.pinnedAt() != null);
        o.put("mention_everyone", m.mentions().everyone());
        o.put("tts", m.tts());
        o.put("timestamp", Json.timestamp(m.createdAt()));
        if (m.editedAt() != null) {
            o.put("edited_timestamp", Json.timestamp(m.editedAt()));
        } else {
            o.putNull("edited_timestamp");
        }
        o.put("flags", x == null ? 0 : x.flags());
        if (x != null) {
            if (x.webhookId() != 0) {
                o.put("webhook_id", Json.id(x.webhookId()));
            }
            if (x.applicationId() != 0) {
                o.put("application_id", Json.id(x.applicationId()));
            }
            if (x.interactionMetadata() != null) {
                o.set("interaction_metadata", x.interactionMetadata().deepCopy());
            }
        }
        if (m.referenceId() != 0) {
            ObjectNode ref = o.putObject("message_reference");
            ref.put("type", 0);
            ref.put("message_id", Json.id(m.referenceId()));
            ref.put("channel_id", Json.id(m.channelId()));
            ref.put("guild_id", Json.id(m.guildId()));
            if (m.referenced() != null) {
                o.set("referenced_message", message(m.referenced(), null));
            } else {
                o.putNull("referenced_message");
            }
        }
        if (nonce != null && !nonce.isNull()) {
            o.set("nonce", nonce);
        }
        return o;
    }

    /** The message with its {@code reactions} array (omitted when there are none, like Discord). */
    public static ObjectNode message(Message m, JsonNode nonce, List<MessageStore.ReactionCount> reactions) {
        ObjectNode o = message(m, nonce);
        if (reactions != null && !reactions.isEmpty()) {
            ArrayNode arr = o.putArray("reactions");
            for (MessageStore.ReactionCount r : reactions) {
                ObjectNode rj = arr.addObject();
                rj.put("count", r.count());
                ObjectNode details = rj.putObject("count_details");
                details.put("burst", 0);
                details.put("normal", r.count());
                rj.put("me", r.me());
                rj.put("me_burst", false);
                rj.putArray("burst_colors");
                rj.set("emoji", r.emoji().json());
            }
        }
        return o;
    }

    /** A copy without what the MESSAGE_CONTENT intent protects (content, embeds, attachments, components). */
    public static ObjectNode withoutContent(ObjectNode message) {
        ObjectNode o = message.deepCopy();
        o.put("content", "");
        for (String list : new String[]{"embeds", "attachments", "components"}) {
            if (o.has(list)) {
                o.putArray(list);
            }
        }
        if (o.hasNonNull("matched_content")) {
            o.put("matched_content", ""); // AUTO_MODERATION_ACTION_EXECUTION
        }
        o.remove("poll");
        if (o.get("referenced_message") instanceof ObjectNode ref) {
            o.set("referenced_message", withoutContent(ref));
        }
        return o;
    }
}

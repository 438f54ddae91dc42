package dev.guildhall.core.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.json.Json;

import java.time.Instant;

/**
 * An incoming webhook (type 1).
 *
 * @param creator the user who created it, null when that user is gone
 */
record Webhook(long id, int type, long guildId, long channelId, User creator, String name, Instant createdAt) {
    static final int INCOMING = 1;

    /**
     * Discord's webhook object; {@code withUser} false for the token routes (no user there, as on Discord);
     * {@code token} only at creation (only its hash is stored).
     */
    ObjectNode view(boolean withUser, String token) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("type", type);
        o.put("guild_id", Json.id(guildId));
        o.put("channel_id", Json.id(channelId));
        if (withUser && creator != null) {
            o.set("user", UserViews.user(creator));
        }
        o.put("name", name);
        o.putNull("avatar");
        o.putNull("application_id");
        if (token != null) {
            o.put("token", token);
        }
        return o;
    }
}

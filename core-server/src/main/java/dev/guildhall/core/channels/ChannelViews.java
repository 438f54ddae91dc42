package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.PermissionOverwrite;

import java.util.List;

/**
 * Discord's channel object. Voice channels always carry {@code bitrate}, {@code user_limit} and {@code rtc_region}
 * (null = automatic).
 */
public final class ChannelViews {
    private ChannelViews() {
    }

    /** A channel without permission overwrites (threads have none of their own). */
    public static ObjectNode channel(Channel ch) {
        return channel(ch, List.of());
    }

    public static ObjectNode channel(Channel ch, List<PermissionOverwrite> overwrites) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(ch.id()));
        o.put("type", ch.type());
        o.put("guild_id", Json.id(ch.guildId()));
        o.put("name", ch.name());
        o.put("position", ch.position());
        ArrayNode ows = o.putArray("permission_overwrites");
        overwrites.forEach(ow -> ows.add(overwrite(ow)));
        o.put("nsfw", ch.nsfw());
        if (ch.parentId() == null) {
            o.putNull("parent_id");
        } else {
            o.put("parent_id", Json.id(ch.parentId()));
        }
        o.put("flags", 0);
        o.put("rate_limit_per_user", ch.rateLimitPerUser());
        if (ch.lastMessageId() == null) {
            o.putNull("last_message_id");
        } else {
            o.put("last_message_id", Json.id(ch.lastMessageId()));
        }
        if (ch.isVoice()) {
            o.put("bitrate", ch.bitrate() == null ? Channel.DEFAULT_BITRATE : ch.bitrate());
            o.put("user_limit", ch.userLimit() == null ? 0 : ch.userLimit());
            if (ch.rtcRegion() == null) {
                o.putNull("rtc_region");
            } else {
                o.put("rtc_region", ch.rtcRegion());
            }
        } else {
            if (ch.topic() == null) {
                o.putNull("topic");
            } else {
                o.put("topic", ch.topic());
            }
        }
        return o;
    }

    /** Discord's overwrite object: allow and deny as strings. */
    public static ObjectNode overwrite(PermissionOverwrite ow) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(ow.id()));
        o.put("type", ow.type());
        o.put("allow", Long.toString(ow.allow()));
        o.put("deny", Long.toString(ow.deny()));
        return o;
    }
}

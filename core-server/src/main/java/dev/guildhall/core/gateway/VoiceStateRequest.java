package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Op 4 Update Voice State: {@code {guild_id, channel_id, self_mute, self_deaf}} ({@code self_video} optional; JDA
 * does not send it). {@code channelId} 0 means leave (Discord's {@code "channel_id": null}).
 */
public record VoiceStateRequest(long guildId, long channelId, boolean selfMute, boolean selfDeaf,
                                boolean selfVideo) {

    /** @throws IllegalArgumentException when the payload does not have Discord's shape (the gateway closes 4002) */
    public static VoiceStateRequest parse(JsonNode d) {
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("d must be an object");
        }
        long guildId = snowflake(d.get("guild_id"));
        if (guildId == 0) {
            throw new IllegalArgumentException("guild_id is required");
        }
        JsonNode channel = d.get("channel_id");
        long channelId = channel == null || channel.isNull() ? 0 : snowflake(channel);
        if (channel != null && !channel.isNull() && channelId == 0) {
            throw new IllegalArgumentException("channel_id must be a snowflake or null");
        }
        return new VoiceStateRequest(guildId, channelId, bool(d, "self_mute"), bool(d, "self_deaf"),
                bool(d, "self_video"));
    }

    private static long snowflake(JsonNode n) {
        if (n != null && n.isTextual() && n.textValue().matches("\\d{1,20}")) {
            try {
                return Long.parseUnsignedLong(n.textValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a snowflake");
            }
        }
        if (n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() > 0) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not a snowflake");
    }

    private static boolean bool(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(field + " must be a boolean");
        }
        return n.booleanValue();
    }
}

package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The guild settings {@code PATCH /guilds/{id}} changes besides name and system channel, stored as one JSON object
 * ({@code guilds.settings}, V25). Channel ids are null when unset.
 */
public record GuildSettings(String description, int verificationLevel, int defaultMessageNotifications,
                            int explicitContentFilter, Long afkChannelId, int afkTimeout, int systemChannelFlags,
                            Long rulesChannelId, Long publicUpdatesChannelId, String preferredLocale,
                            List<String> features) {
    /** A new guild's settings (Discord's defaults). */
    public static final GuildSettings DEFAULTS = new GuildSettings(null, 0, 0, 0, null, 300, 0, null, null, "en-US",
            List.of());

    public GuildSettings {
        features = List.copyOf(features);
    }

    /** The stored form. */
    public String toJson() {
        ObjectNode o = Json.object();
        o.put("description", description);
        o.put("verification_level", verificationLevel);
        o.put("default_message_notifications", defaultMessageNotifications);
        o.put("explicit_content_filter", explicitContentFilter);
        o.put("afk_channel_id", afkChannelId);
        o.put("afk_timeout", afkTimeout);
        o.put("system_channel_flags", systemChannelFlags);
        o.put("rules_channel_id", rulesChannelId);
        o.put("public_updates_channel_id", publicUpdatesChannelId);
        o.put("preferred_locale", preferredLocale);
        features.forEach(o.putArray("features")::add);
        return Json.string(o);
    }

    /** Reads the stored form; null (a guild never modified) is {@link #DEFAULTS}. */
    public static GuildSettings fromJson(JsonNode o) {
        if (o == null || o.isNull()) {
            return DEFAULTS;
        }
        List<String> features = new ArrayList<>();
        o.path("features").forEach(f -> features.add(f.asText()));
        return new GuildSettings(text(o, "description"), o.path("verification_level").asInt(0),
                o.path("default_message_notifications").asInt(0), o.path("explicit_content_filter").asInt(0),
                id(o, "afk_channel_id"), o.path("afk_timeout").asInt(300), o.path("system_channel_flags").asInt(0),
                id(o, "rules_channel_id"), id(o, "public_updates_channel_id"),
                o.hasNonNull("preferred_locale") ? o.get("preferred_locale").asText() : "en-US", features);
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    private static Long id(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asLong() : null;
    }
}

package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings fields of a {@code PATCH /guilds/{id}} body, validated as Discord documents them (Modify Guild):
 * levels within their enums, {@code afk_timeout} one of 60/300/900/1800/3600, {@code system_channel_flags} within
 * the documented bits, {@code preferred_locale} one of Discord's locales, {@code description} at most 120
 * characters, image fields only {@code null} (no images are stored). Of {@code features} only {@code COMMUNITY} is
 * changeable here; other names are ignored. Channel fields are checked against the guild by the service.
 */
final class GuildSettingsPatch {
    static final Set<Integer> AFK_TIMEOUTS = Set.of(60, 300, 900, 1800, 3600);
    static final Set<String> LOCALES = Set.of("id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr",
            "it", "lt", "hu", "nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk",
            "hi", "th", "zh-CN", "ja", "zh-TW", "ko");
    /** SUPPRESS_JOIN_NOTIFICATIONS ... SUPPRESS_ROLE_SUBSCRIPTION_PURCHASE_NOTIFICATION_REPLIES (bits 0-5). */
    static final int SYSTEM_CHANNEL_FLAGS = 0x3F;
    static final String COMMUNITY = "COMMUNITY";
    static final int MAX_DESCRIPTION = 120;
    private static final String[] IMAGES = {"icon", "splash", "discovery_splash", "banner"};

    private final JsonNode body;
    private final InvalidFormBody.Builder errors;

    private GuildSettingsPatch(JsonNode body, InvalidFormBody.Builder errors) {
        this.body = body;
        this.errors = errors;
    }

    /** Validates the body's settings fields into {@code errors}; {@link #apply} then builds the new settings. */
    static GuildSettingsPatch parse(JsonNode body, InvalidFormBody.Builder errors) {
        GuildSettingsPatch p = new GuildSettingsPatch(body, errors);
        p.validate();
        return p;
    }

    private void validate() {
        JsonNode d = body.get("description");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                errors.add("description", "BASE_TYPE_STRING", "Must be a string.");
            } else if (d.textValue().codePointCount(0, d.textValue().length()) > MAX_DESCRIPTION) {
                errors.add("description", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_DESCRIPTION
                        + " or fewer in length.");
            }
        }
        level("verification_level", 4);
        level("default_message_notifications", 1);
        level("explicit_content_filter", 2);
        JsonNode t = body.get("afk_timeout");
        if (t != null && !(t.isInt() && AFK_TIMEOUTS.contains(t.intValue()))) {
            errors.add("afk_timeout", "BASE_TYPE_CHOICES", "Value must be one of {60, 300, 900, 1800, 3600}.");
        }
        JsonNode f = body.get("system_channel_flags");
        if (f != null && !(f.isInt() && (f.intValue() & ~SYSTEM_CHANNEL_FLAGS) == 0)) {
            errors.add("system_channel_flags", "BASE_TYPE_CHOICES", "Value must be a combination of the documented"
                    + " system channel flags.");
        }
        JsonNode l = body.get("preferred_locale");
        if (l != null && !l.isNull() && !(l.isTextual() && LOCALES.contains(l.textValue()))) {
            errors.add("preferred_locale", "BASE_TYPE_CHOICES", "Value must be one of the supported locales.");
        }
        for (String image : IMAGES) {
            JsonNode v = body.get(image);
            if (v != null && !v.isNull()) {
                errors.add(image, "IMAGE_INVALID", "Invalid image: guild images are not stored on this server.");
            }
        }
        JsonNode features = body.get("features");
        if (features != null && !features.isArray()) {
            errors.add("features", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        }
        for (String channel : new String[]{"afk_channel_id", "rules_channel_id", "public_updates_channel_id"}) {
            channelId(channel);
        }
    }

    private void level(String field, int max) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !(v.isInt() && v.intValue() >= 0 && v.intValue() <= max)) {
            StringBuilder choices = new StringBuilder();
            for (int i = 0; i <= max; i++) {
                choices.append(i == 0 ? "" : ", ").append(i);
            }
            errors.add(field, "BASE_TYPE_CHOICES", "Value must be one of {" + choices + "}.");
        }
    }

    /** The channel id the body sets (null when it clears it or is invalid; an invalid id is added to the errors). */
    private Long channelId(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.asText().matches("\\d{1,19}")) {
            errors.add(field, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not snowflake.");
            return null;
        }
        return Long.parseLong(v.asText());
    }

    /** Whether the body names the field. */
    boolean has(String field) {
        return body.has(field);
    }

    /** The new settings: fields the body names replace the old ones. */
    GuildSettings apply(GuildSettings old) {
        return new GuildSettings(
                value("description", old.description(), n -> n.isNull() ? null : n.textValue()),
                value("verification_level", old.verificationLevel(), n -> n.asInt(0)),
                value("default_message_notifications", old.defaultMessageNotifications(), n -> n.asInt(0)),
                value("explicit_content_filter", old.explicitContentFilter(), n -> n.asInt(0)),
                has("afk_channel_id") ? channelId("afk_channel_id") : old.afkChannelId(),
                value("afk_timeout", old.afkTimeout(), JsonNode::intValue),
                value("system_channel_flags", old.systemChannelFlags(), JsonNode::intValue),
                has("rules_channel_id") ? channelId("rules_channel_id") : old.rulesChannelId(),
                has("public_updates_channel_id") ? channelId("public_updates_channel_id")
                        : old.publicUpdatesChannelId(),
                value("preferred_locale", old.preferredLocale(), n -> n.isNull() ? "en-US" : n.textValue()),
                features(old.features()));
    }

    private <T> T value(String field, T old, Function<JsonNode, T> read) {
        JsonNode v = body.get(field);
        return v == null ? old : read.apply(v);
    }

    /** Only COMMUNITY is switched; the guild's other features are kept. */
    private List<String> features(List<String> old) {
        JsonNode f = body.get("features");
        if (f == null || !f.isArray()) {
            return old;
        }
        boolean community = false;
        for (JsonNode n : f) {
            community |= COMMUNITY.equals(n.asText());
        }
        List<String> out = new ArrayList<>(old);
        out.remove(COMMUNITY);
        if (community) {
            out.add(COMMUNITY);
        }
        return out;
    }
}

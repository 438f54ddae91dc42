package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.permissions.PermissionOverwrite;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.voice.VoiceRegions;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code POST /guilds/{id}/channels} and {@code PATCH /channels/{id}}, validated with Discord's limits
 * (name 1-100, topic 0-1024, rate_limit_per_user 0-21600, bitrate 8000-96000 voice / 64000 stage, user_limit 0-99
 * voice / 10000 stage, rtc_region one of the known voice regions or null for automatic). Absent fields are null
 * ({@code hasTopic}/{@code hasParent}/{@code hasRtcRegion} tell an explicit null apart);
 * fields that do not apply to the channel's type are ignored, like Discord.
 */
public record ChannelForm(String name, Integer type, Integer position, boolean hasTopic, String topic, Boolean nsfw,
                          Integer rateLimitPerUser, Integer bitrate, Integer userLimit, boolean hasParent,
                          Long parentId, List<PermissionOverwrite> overwrites, boolean hasRtcRegion,
                          String rtcRegion) {
    public static final int MAX_NAME = 100;
    public static final int MAX_TOPIC = 1024;
    public static final int MAX_RATE_LIMIT = 21600;
    /** Channel types that {@code POST /guilds/{id}/channels} creates. */
    public static final List<Integer> CREATABLE = List.of(Channel.GUILD_TEXT, Channel.GUILD_VOICE,
            Channel.GUILD_CATEGORY, Channel.GUILD_ANNOUNCEMENT, Channel.GUILD_STAGE_VOICE);
    /** Overwrite bits that may be stored: documented bits except ADMINISTRATOR (which no overwrite can grant). */
    public static final long OVERWRITABLE = Permissions.ALL & ~Permissions.ADMINISTRATOR;

    /** Parses a body; {@code create} makes {@code name} required. Errors go to {@code errors}. */
    public static ChannelForm parse(JsonNode body, boolean create, InvalidFormBody.Builder errors) {
        String name = create ? Validation.requiredString(body, "name", errors)
                : Validation.optionalString(body, "name", errors);
        if (name != null) {
            name = name.strip();
            if (!Validation.length(name, "name", 1, MAX_NAME, errors)) {
                name = null;
            }
        }
        Integer type = Validation.optionalInt(body, "type", 0, Integer.MAX_VALUE, null, errors);
        if (type != null && create && !CREATABLE.contains(type)) {
            errors.add("type", "BASE_TYPE_CHOICES", "Value must be one of " + choices(CREATABLE) + ".");
            type = null;
        }
        Integer position = Validation.optionalInt(body, "position", 0, Integer.MAX_VALUE, null, errors);
        boolean hasTopic = body.has("topic");
        String topic = Validation.optionalString(body, "topic", errors);
        if (topic != null && topic.codePointCount(0, topic.length()) > MAX_TOPIC) {
            errors.add("topic", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_TOPIC + " or fewer in length.");
        }
        Boolean nsfw = body.hasNonNull("nsfw") ? Validation.optionalBoolean(body, "nsfw", false, errors) : null;
        Integer rateLimit = Validation.optionalInt(body, "rate_limit_per_user", 0, MAX_RATE_LIMIT, null, errors);
        Integer bitrate = Validation.optionalInt(body, "bitrate", 8000, Integer.MAX_VALUE, null, errors);
        Integer userLimit = Validation.optionalInt(body, "user_limit", 0, Integer.MAX_VALUE, null, errors);
        boolean hasParent = body.has("parent_id");
        Long parentId = snowflake(body.get("parent_id"), "parent_id", errors);
        List<PermissionOverwrite> overwrites = overwrites(body.get("permission_overwrites"), errors);
        boolean hasRtcRegion = body.has("rtc_region");
        String rtcRegion = Validation.optionalString(body, "rtc_region", errors);
        return new ChannelForm(name, type, position, hasTopic, topic, nsfw, rateLimit, bitrate, userLimit, hasParent,
                parentId, overwrites, hasRtcRegion, rtcRegion);
    }

    /** Type-specific limits for the channel's (new) type: bitrate and user_limit maxima, a known rtc_region. */
    public void checkLimits(int channelType, VoiceRegions regions, InvalidFormBody.Builder errors) {
        if (channelType == Channel.GUILD_VOICE || channelType == Channel.GUILD_STAGE_VOICE) {
            if (rtcRegion != null && !regions.contains(rtcRegion)) {
                errors.add("rtc_region", "BASE_TYPE_CHOICES", "Value must be one of "
                        + String.join(", ", regions.ids()) + ".");
            }
            int maxBitrate = channelType == Channel.GUILD_VOICE ? 96000 : 64000;
            if (bitrate != null && bitrate > maxBitrate) {
                errors.add("bitrate", "NUMBER_TYPE_MAX", "int value should be less than or equal to " + maxBitrate
                        + ".");
            }
            int maxUsers = channelType == Channel.GUILD_VOICE ? 99 : 10000;
            if (userLimit != null && userLimit > maxUsers) {
                errors.add("user_limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to " + maxUsers
                        + ".");
            }
        }
    }

    /** All allow and deny bits of the overwrites in the form. */
    public long overwriteBits() {
        long bits = 0;
        for (PermissionOverwrite o : overwrites == null ? List.<PermissionOverwrite>of() : overwrites) {
            bits |= o.allow() | o.deny();
        }
        return bits;
    }

    /** A permission bit set as Discord sends it: a decimal string (or a number); null/absent → 0. */
    public static long permissionBits(JsonNode v, String path, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            return 0;
        }
        String raw = v.isTextual() ? v.textValue() : v.isIntegralNumber() ? v.asText() : null;
        if (raw != null && raw.matches("\\d{1,19}")) {
            try {
                return Long.parseLong(raw) & OVERWRITABLE;
            } catch (NumberFormatException e) {
                // out of range: reported below
            }
        }
        errors.add(path, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not int.");
        return 0;
    }

    /** An overwrite type: 0 (role) or 1 (member). */
    public static Integer overwriteType(JsonNode v, String path, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
            return null;
        }
        if (!v.isIntegralNumber() || (v.asInt() != PermissionOverwrite.ROLE && v.asInt() != PermissionOverwrite.MEMBER)) {
            errors.add(path, "BASE_TYPE_CHOICES", "Value must be one of (0, 1).");
            return null;
        }
        return v.asInt();
    }

    private static List<PermissionOverwrite> overwrites(JsonNode v, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            errors.add("permission_overwrites", "BASE_TYPE_ARRAY", "Must be an array.");
            return null;
        }
        List<PermissionOverwrite> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String path = "permission_overwrites." + i;
            JsonNode o = v.get(i);
            if (!o.isObject()) {
                errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            Long id = snowflake(o.get("id"), path + ".id", errors);
            if (id == null && !o.hasNonNull("id")) {
                errors.add(path + ".id", "BASE_TYPE_REQUIRED", "This field is required");
            }
            Integer type = overwriteType(o.get("type"), path + ".type", errors);
            long allow = permissionBits(o.get("allow"), path + ".allow", errors);
            long deny = permissionBits(o.get("deny"), path + ".deny", errors);
            if (id != null && type != null) {
                out.add(new PermissionOverwrite(id, type, allow, deny));
            }
        }
        return out;
    }

    /** A snowflake given as a string or a number; absent or null → null; anything else is NUMBER_TYPE_COERCE. */
    public static Long snowflake(JsonNode v, String path, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            return null;
        }
        String raw = v.isTextual() || v.isIntegralNumber() ? v.asText() : null;
        if (raw != null && raw.matches("\\d{1,20}")) {
            try {
                long id = Long.parseUnsignedLong(raw);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        errors.add(path, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not snowflake.");
        return null;
    }

    private static String choices(List<Integer> values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(values.get(i));
        }
        return sb.append(')').toString();
    }
}

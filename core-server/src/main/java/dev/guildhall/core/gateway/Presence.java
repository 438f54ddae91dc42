package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.util.Set;

/**
 * A session's presence, as a client sets it with op 3 PRESENCE_UPDATE or IDENTIFY's {@code presence}:
 * {@code {since, activities, status, afk}}.
 *
 * @param status     online, dnd, idle, invisible or offline
 * @param activities the activities to show, already reduced to what may be set (name, type, url, state)
 */
public record Presence(String status, ArrayNode activities, Long since, boolean afk) {
    static final Set<String> STATUSES = Set.of("online", "dnd", "idle", "invisible", "offline");
    /** Activity types a client may set: Playing, Streaming, Listening, Watching, Custom, Competing. */
    static final int MAX_ACTIVITY_TYPE = 5;
    static final int MAX_ACTIVITIES = 5;
    static final int MAX_TEXT = 128;

    /** What a session shows before it sets anything: online, no activities. */
    static Presence online() {
        return new Presence("online", Json.mapper().createArrayNode(), null, false);
    }

    /** What others see: invisible shows as offline, and offline users show no activities. */
    String publicStatus() {
        return "invisible".equals(status) ? "offline" : status;
    }

    ArrayNode publicActivities() {
        return "offline".equals(publicStatus()) ? Json.mapper().createArrayNode() : activities;
    }

    /**
     * Parses and validates a Gateway Presence Update object; throws {@link IllegalArgumentException} when it is
     * malformed (the connection is then closed with 4002 Decode error).
     */
    static Presence parse(JsonNode d, long nowMillis) {
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("presence must be an object");
        }
        JsonNode status = d.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.textValue())) {
            throw new IllegalArgumentException("status must be one of " + STATUSES);
        }
        JsonNode since = d.get("since");
        if (since != null && !since.isNull() && !(since.isIntegralNumber() && since.canConvertToLong()
                && since.longValue() >= 0)) {
            throw new IllegalArgumentException("since must be a unix time in ms or null");
        }
        JsonNode afk = d.get("afk");
        if (afk != null && !afk.isNull() && !afk.isBoolean()) {
            throw new IllegalArgumentException("afk must be a boolean");
        }
        JsonNode activities = d.get("activities");
        ArrayNode out = Json.mapper().createArrayNode();
        if (activities != null && !activities.isNull()) {
            if (!activities.isArray() || activities.size() > MAX_ACTIVITIES) {
                throw new IllegalArgumentException("activities must be an array of at most " + MAX_ACTIVITIES);
            }
            for (JsonNode a : activities) {
                out.add(activity(a, nowMillis));
            }
        }
        return new Presence(status.textValue(), out, since == null || since.isNull() ? null : since.longValue(),
                afk != null && afk.asBoolean(false));
    }

    private static ObjectNode activity(JsonNode a, long nowMillis) {
        if (!a.isObject()) {
            throw new IllegalArgumentException("an activity must be an object");
        }
        JsonNode name = a.get("name");
        JsonNode type = a.get("type");
        if (name == null || !name.isTextual() || name.textValue().isEmpty() || name.textValue().length() > MAX_TEXT) {
            throw new IllegalArgumentException("activity name must be a string of 1 to " + MAX_TEXT);
        }
        if (type == null || !type.isInt() || type.intValue() < 0 || type.intValue() > MAX_ACTIVITY_TYPE) {
            throw new IllegalArgumentException("activity type must be 0 to " + MAX_ACTIVITY_TYPE);
        }
        ObjectNode o = Json.object();
        o.put("name", name.textValue());
        o.put("type", type.intValue());
        for (String field : new String[]{"url", "state"}) {
            JsonNode v = a.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isTextual() || v.textValue().length() > MAX_TEXT) {
                throw new IllegalArgumentException("activity " + field + " must be a string of at most " + MAX_TEXT);
            }
            o.put(field, v.textValue());
        }
        o.put("created_at", nowMillis);
        return o;
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Validation;

import java.util.HashSet;
import java.util.Set;

/**
 * Discord's {@code allowed_mentions}: which mentions in the content notify. Without the object every mention in the
 * content counts and a reply mentions the replied-to author; with it only what {@code parse}, {@code users} and
 * {@code roles} list counts and the replied-to author only with {@code replied_user: true}.
 */
record AllowedMentions(boolean parseUsers, boolean parseRoles, boolean parseEveryone, Set<Long> users,
                       Set<Long> roles, boolean repliedUser) {
    private static final int MAX_IDS = 100;

    static AllowedMentions all() {
        return new AllowedMentions(true, true, true, Set.of(), Set.of(), true);
    }

    /** The body's {@code allowed_mentions} (all mentions when absent or null). */
    static AllowedMentions parse(JsonNode body, InvalidFormBody.Builder errors) {
        JsonNode a = body.get("allowed_mentions");
        if (a == null || a.isNull()) {
            return all();
        }
        if (!a.isObject()) {
            errors.add("allowed_mentions", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
            return all();
        }
        boolean users = false;
        boolean roles = false;
        boolean everyone = false;
        JsonNode parse = a.get("parse");
        if (parse != null && !parse.isNull()) {
            if (!parse.isArray()) {
                errors.add("allowed_mentions.parse", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            } else {
                for (int i = 0; i < parse.size(); i++) {
                    switch (parse.get(i).asText("")) {
                        case "users" -> users = true;
                        case "roles" -> roles = true;
                        case "everyone" -> everyone = true;
                        default -> errors.add("allowed_mentions.parse." + i, "BASE_TYPE_CHOICES",
                                "Value must be one of ('roles', 'users', 'everyone').");
                    }
                }
            }
        }
        Set<Long> userIds = ids(a.get("users"), "allowed_mentions.users", errors);
        Set<Long> roleIds = ids(a.get("roles"), "allowed_mentions.roles", errors);
        if (users && !userIds.isEmpty()) {
            errors.add("allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    "parse:[\"users\"] and users: [ids...] are mutually exclusive.");
        }
        if (roles && !roleIds.isEmpty()) {
            errors.add("allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    "parse:[\"roles\"] and roles: [ids...] are mutually exclusive.");
        }
        boolean repliedUser = Validation.optionalBoolean(a, "replied_user", false, errors);
        return new AllowedMentions(users, roles, everyone, userIds, roleIds, repliedUser);
    }

    private static Set<Long> ids(JsonNode list, String path, InvalidFormBody.Builder errors) {
        Set<Long> out = new HashSet<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        if (list.size() > MAX_IDS) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_IDS + " or fewer in length.");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            long id = Validation.querySnowflake(list.get(i).asText(null), path + "." + i, errors);
            if (id > 0) {
                out.add(id);
            }
        }
        return out;
    }

    boolean user(long id) {
        return parseUsers || users.contains(id);
    }

    boolean role(long id) {
        return parseRoles || roles.contains(id);
    }
}

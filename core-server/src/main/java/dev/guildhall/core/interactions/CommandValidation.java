package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.Permissions;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an application command body as Discord does and turns it into the stored form: {@code type},
 * {@code name}, {@code description}, {@code options} (CHAT_INPUT only), {@code default_member_permissions} (string or
 * null), {@code dm_permission}, {@code nsfw}, {@code integration_types} and {@code contexts} (integers; JDA sends
 * them as strings). Errors are collected with their nested paths (prefixed for bulk overwrites: {@code 0.name}).
 */
public final class CommandValidation {
    public static final int CHAT_INPUT = 1;
    public static final int USER = 2;
    public static final int MESSAGE = 3;

    /** Option types. */
    public static final int SUB_COMMAND = 1;
    public static final int SUB_COMMAND_GROUP = 2;
    public static final int STRING = 3;
    public static final int INTEGER = 4;
    public static final int BOOLEAN = 5;
    public static final int USER_OPTION = 6;
    public static final int CHANNEL = 7;
    public static final int ROLE = 8;
    public static final int MENTIONABLE = 9;
    public static final int NUMBER = 10;
    public static final int ATTACHMENT = 11;

    static final int MAX_OPTIONS = 25;
    static final int MAX_CHOICES = 25;
    static final int MAX_STRING_LENGTH = 6000;
    /** Discord's INTEGER / NUMBER range: ±(2^53 - 1). */
    static final double MAX_SAFE = 9007199254740991d;

    /** Discord's CHAT_INPUT naming rule (also for option names), with the unicode flag. */
    static final Pattern CHAT_INPUT_NAME = Pattern.compile("^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$");

    private CommandValidation() {
    }

    /** The command's type, name and stored body. */
    public record CommandSpec(int type, String name, ObjectNode body) {
    }

    /** Validates a full command (create, bulk overwrite item). */
    public static CommandSpec validate(JsonNode body, String prefix, InvalidFormBody.Builder errors) {
        ObjectNode out = Json.object();
        int type = commandType(body, prefix, errors);
        out.put("type", type);
        String name = null;
        JsonNode nameNode = body.get("name");
        if (nameNode == null || nameNode.isNull()) {
            errors.add(prefix + "name", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!nameNode.isTextual()) {
            errors.add(prefix + "name", "BASE_TYPE_STRING", "Must be a string.");
        } else {
            name = nameNode.textValue();
            checkName(name, type == CHAT_INPUT, prefix + "name", errors);
        }
        out.put("name", name);
        out.set("name_localizations", localizations(body, "name_localizations", prefix, errors));
        JsonNode description = body.get("description");
        if (type == CHAT_INPUT) {
            out.put("description", requiredText(description, prefix + "description", 1, 100, errors));
        } else {
            if (description != null && !description.isNull()
                    && (!description.isTextual() || !description.textValue().isEmpty())) {
                errors.add(prefix + "description", "BASE_TYPE_MAX_LENGTH", "Must be 0 or fewer in length.");
            }
            out.put("description", "");
        }
        out.set("description_localizations", localizations(body, "description_localizations", prefix, errors));
        JsonNode options = body.get("options");
        if (options != null && !options.isNull() && !(options.isArray() && options.isEmpty())) {
            if (type != CHAT_INPUT) {
                errors.add(prefix + "options", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Only chat input commands may have options.");
            } else {
                out.set("options", options(options, prefix + "options", 0, errors));
            }
        }
        out.set("default_member_permissions", permissions(body.get("default_member_permissions"),
                prefix + "default_member_permissions", errors));
        out.put("dm_permission", bool(body, "dm_permission", true, prefix, errors));
        out.put("nsfw", bool(body, "nsfw", false, prefix, errors));
        out.set("integration_types", intList(body.get("integration_types"), prefix + "integration_types", 1,
                errors, 0));
        out.set("contexts", intList(body.get("contexts"), prefix + "contexts", 2, errors));
        return new CommandSpec(type, name, out);
    }

    /**
     * PATCH: the provided fields entirely replace the stored ones (Discord's rule); the type cannot change. The
     * result is validated as a whole.
     */
    public static CommandSpec merge(ObjectNode stored, JsonNode patch, InvalidFormBody.Builder errors) {
        ObjectNode merged = stored.deepCopy();
        patch.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("type") && !e.getKey().equals("id")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return validate(merged, "", errors);
    }

    private static int commandType(JsonNode body, String prefix, InvalidFormBody.Builder errors) {
        JsonNode t = body.get("type");
        if (t == null || t.isNull()) {
            return CHAT_INPUT;
        }
        int v = t.isIntegralNumber() ? t.asInt(-1) : t.isTextual() && t.textValue().matches("\\d{1,2}")
                ? Integer.parseInt(t.textValue()) : -1;
        if (v < CHAT_INPUT || v > MESSAGE) {
            errors.add(prefix + "type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.");
            return CHAT_INPUT;
        }
        return v;
    }

    static void checkName(String name, boolean chatInput, String path, InvalidFormBody.Builder errors) {
        int len = name.codePointCount(0, name.length());
        if (len < 1 || len > 32) {
            errors.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
            return;
        }
        if (chatInput && (!CHAT_INPUT_NAME.matcher(name).matches()
                || !name.equals(name.toLowerCase(Locale.ROOT)))) {
            errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }
    }

    private static String requiredText(JsonNode v, String path, int min, int max, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
            return null;
        }
        if (!v.isTextual()) {
            errors.add(path, "BASE_TYPE_STRING", "Must be a string.");
            return null;
        }
        int len = v.textValue().codePointCount(0, v.textValue().length());
        if (len < min || len > max) {
            errors.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
        }
        return v.textValue();
    }

    private static JsonNode localizations(JsonNode body, String field, String prefix, InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Json.mapper().nullNode();
        }
        if (!v.isObject()) {
            errors.add(prefix + field, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return Json.mapper().nullNode();
        }
        return v;
    }

    private static boolean bool(JsonNode body, String field, boolean fallback, String prefix,
                                InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            errors.add(prefix + field, "BASE_TYPE_BOOLEAN", "Must be either true or false.");
            return fallback;
        }
        return v.booleanValue();
    }

    /** A permission bit set as a decimal string (or integer); null stays null (everyone may use the command). */
    private static JsonNode permissions(JsonNode v, String path, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            return Json.mapper().nullNode();
        }
        String text = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.textValue() : null;
        if (text == null || !text.matches("\\d{1,20}")) {
            errors.add(path, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not int.");
            return Json.mapper().nullNode();
        }
        long bits;
        try {
            bits = Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            errors.add(path, "NUMBER_TYPE_COERCE", "Value \"" + text + "\" is not int.");
            return Json.mapper().nullNode();
        }
        return Json.mapper().getNodeFactory().textNode(Long.toUnsignedString(bits & Permissions.ALL));
    }

    /** A list of small integers within [0, max] (strings of digits accepted); null stays null unless defaulted. */
    private static JsonNode intList(JsonNode v, String path, int max, InvalidFormBody.Builder errors,
                                    int... fallback) {
        if (v == null || v.isNull()) {
            if (fallback.length == 0) {
                return Json.mapper().nullNode();
            }
            ArrayNode d = Json.array();
            for (int f : fallback) {
                d.add(f);
            }
            return d;
        }
        if (!v.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return Json.mapper().nullNode();
        }
        ArrayNode out = Json.array();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            int n = e.isIntegralNumber() ? e.asInt(-1) : e.isTextual() && e.textValue().matches("\\d{1,2}")
                    ? Integer.parseInt(e.textValue()) : -1;
            if (n < 0 || n > max) {
                errors.add(path + "." + i, "BASE_TYPE_CHOICES", "Value must be one of " + choices(max) + ".");
            } else if (seen.add(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static String choices(int max) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i <= max; i++) {
            b.append(i == 0 ? "" : ", ").append(i);
        }
        return b.append('}').toString();
    }

    /**
     * Options at a nesting level: 0 = the command (subcommands, groups or plain options, not mixed), 1 = inside a
     * group (subcommands only), 2 = inside a subcommand (plain options only).
     */
    private static ArrayNode options(JsonNode options, String path, int level, InvalidFormBody.Builder errors) {
        ArrayNode out = Json.array();
        if (!options.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        if (options.size() > MAX_OPTIONS) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_OPTIONS + " or fewer in length.");
            return out;
        }
        Set<String> names = new HashSet<>();
        boolean sawOptional = false;
        boolean sawSub = false;
        boolean sawPlain = false;
        for (int i = 0; i < options.size(); i++) {
            JsonNode o = options.get(i);
            String p = path + "." + i;
            if (!o.isObject()) {
                errors.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            ObjectNode opt = option(o, p, errors);
            int type = opt.path("type").asInt();
            boolean sub = type == SUB_COMMAND || type == SUB_COMMAND_GROUP;
            sawSub |= sub;
            sawPlain |= !sub;
            if ((level == 1 && type != SUB_COMMAND) || (level == 2 && sub)) {
                errors.add(p + ".type", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        level == 1 ? "Sub-command groups may only contain sub-commands."
                                : "Sub-commands may not contain sub-commands or groups.");
                continue;
            }
            String name = opt.path("name").asText(null);
            if (name != null && !names.add(name)) {
                errors.add(p + ".name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                        "Option names must be unique.");
            }
            if (!sub) {
                boolean required = opt.path("required").asBoolean(false);
                if (required && sawOptional) {
                    errors.add(p + ".required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                            "Required options must be placed before non-required options");
                }
                sawOptional |= !required;
            } else {
                JsonNode nested = o.get("options");
                if (type == SUB_COMMAND_GROUP && (nested == null || !nested.isArray() || nested.isEmpty())) {
                    errors.add(p + ".options", "BASE_TYPE_REQUIRED", "This field is required");
                } else if (nested != null && !nested.isNull()) {
                    opt.set("options", options(nested, p + ".options", type == SUB_COMMAND_GROUP ? 1 : 2, errors));
                }
            }
            out.add(opt);
        }
        if (level == 0 && sawSub && sawPlain) {
            errors.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-commands and groups may not be mixed with other options.");
        }
        return out;
    }

    /** One option's own fields (nested options are handled by the caller). */
    private static ObjectNode option(JsonNode o, String p, InvalidFormBody.Builder errors) {
        ObjectNode out = Json.object();
        JsonNode t = o.get("type");
        int type = t != null && t.isIntegralNumber() ? t.asInt(-1) : -1;
        if (t == null || t.isNull()) {
            errors.add(p + ".type", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (type < SUB_COMMAND || type > ATTACHMENT) {
            errors.add(p + ".type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.");
        }
        out.put("type", type);
        JsonNode nameNode = o.get("name");
        if (nameNode == null || nameNode.isNull()) {
            errors.add(p + ".name", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!nameNode.isTextual()) {
            errors.add(p + ".name", "BASE_TYPE_STRING", "Must be a string.");
        } else {
            checkName(nameNode.textValue(), true, p + ".name", errors);
            out.put("name", nameNode.textValue());
        }
        out.set("name_localizations", localizations(o, "name_localizations", p + ".", errors));
        out.put("description", requiredText(o.get("description"), p + ".description", 1, 100, errors));
        out.set("description_localizations", localizations(o, "description_localizations", p + ".", errors));
        boolean sub = type == SUB_COMMAND || type == SUB_COMMAND_GROUP;
        if (sub) {
            return out;
        }
        out.put("required", bool(o, "required", false, p + ".", errors));
        JsonNode choices = o.get("choices");
        boolean hasChoices = choices != null && choices.isArray() && !choices.isEmpty();
        if (choices != null && !choices.isNull() && !(choices.isArray() && choices.isEmpty())) {
            if (type != STRING && type != INTEGER && type != NUMBER) {
                errors.add(p + ".choices", "APPLICATION_COMMAND_OPTIONS_CHOICES_INVALID",
                        "Only string, integer and number options may have choices.");
            } else {
                out.set("choices", choices(choices, type, p + ".choices", errors));
            }
        }
        boolean autocomplete = bool(o, "autocomplete", false, p + ".", errors);
        if (autocomplete && hasChoices) {
            errors.add(p + ".autocomplete", "APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_INVALID",
                    "Autocomplete cannot be enabled on options with choices.");
        }
        if (autocomplete) {
            out.put("autocomplete", true);
        }
        if (type == INTEGER || type == NUMBER) {
            bound(o, "min_value", type, p, out, errors);
            bound(o, "max_value", type, p, out, errors);
        }
        if (type == STRING) {
            length(o, "min_length", 0, p, out, errors);
            length(o, "max_length", 1, p, out, errors);
        }
        if (type == CHANNEL) {
            JsonNode ct = o.get("channel_types");
            if (ct != null && !ct.isNull()) {
                out.set("channel_types", intList(ct, p + ".channel_types", 16, errors));
            }
        }
        return out;
    }

    private static ArrayNode choices(JsonNode choices, int type, String path, InvalidFormBody.Builder errors) {
        ArrayNode out = Json.array();
        if (!choices.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        if (choices.size() > MAX_CHOICES) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CHOICES + " or fewer in length.");
            return out;
        }
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            String p = path + "." + i;
            if (!c.isObject()) {
                errors.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            ObjectNode choice = out.addObject();
            choice.put("name", requiredText(c.get("name"), p + ".name", 1, 100, errors));
            choice.set("name_localizations", localizations(c, "name_localizations", p + ".", errors));
            JsonNode value = c.get("value");
            boolean ok = value != null && switch (type) {
                case STRING -> value.isTextual() && value.textValue().codePointCount(0, value.textValue().length())
                        <= 100;
                case INTEGER -> value.isIntegralNumber() && Math.abs(value.asDouble()) <= MAX_SAFE;
                default -> value.isNumber() && Math.abs(value.asDouble()) <= MAX_SAFE;
            };
            if (!ok) {
                errors.add(p + ".value", "APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID",
                        "Choice value does not match the option's type.");
            }
            choice.set("value", value);
        }
        return out;
    }

    private static void bound(JsonNode o, String field, int type, String p, ObjectNode out,
                              InvalidFormBody.Builder errors) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!(type == INTEGER ? v.isIntegralNumber() : v.isNumber()) || Math.abs(v.asDouble()) > MAX_SAFE) {
            errors.add(p + "." + field, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not "
                    + (type == INTEGER ? "int" : "float") + ".");
            return;
        }
        out.set(field, v);
    }

    private static void length(JsonNode o, String field, int min, String p, ObjectNode out,
                               InvalidFormBody.Builder errors) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > MAX_STRING_LENGTH) {
            errors.add(p + "." + field, "NUMBER_TYPE_MAX", "int value should be between " + min + " and "
                    + MAX_STRING_LENGTH + ".");
            return;
        }
        out.put(field, v.asInt());
    }
}

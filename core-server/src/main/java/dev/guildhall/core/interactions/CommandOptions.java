package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.guilds.Role;
import dev.guildhall.core.json.Json;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the options a user sends with a command invocation against the command's definition and builds what the
 * application receives: the options (values normalized, snowflakes as strings) and {@code resolved} users,
 * members, channels and roles.
 */
final class CommandOptions {
    private final Connection c;
    private final long guildId;
    private final InvalidFormBody.Builder errors;
    final ObjectNode resolved = Json.object();

    CommandOptions(Connection c, long guildId, InvalidFormBody.Builder errors) {
        this.c = c;
        this.guildId = guildId;
        this.errors = errors;
    }

    /** The given options checked against the defined ones at {@code path}. */
    ArrayNode resolve(JsonNode given, JsonNode defined, String path) throws SQLException {
        ArrayNode out = Json.array();
        JsonNode definitions = defined == null || defined.isNull() ? Json.array() : defined;
        if (given != null && !given.isNull() && !given.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        Set<String> seen = new HashSet<>();
        if (given != null && given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                String p = path + "." + i;
                JsonNode o = given.get(i);
                String name = o.path("name").asText("");
                JsonNode def = null;
                for (JsonNode d : definitions) {
                    if (d.path("name").asText().equals(name)) {
                        def = d;
                    }
                }
                if (def == null || !seen.add(name)) {
                    errors.add(p + ".name", "APPLICATION_COMMAND_OPTION_INVALID", "Unknown option.");
                    continue;
                }
                int type = def.path("type").asInt();
                if (o.has("type") && o.path("type").asInt(-1) != type) {
                    errors.add(p + ".type", "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                            "Option type does not match the command.");
                    continue;
                }
                ObjectNode opt = out.addObject();
                opt.put("name", name);
                opt.put("type", type);
                if (type == CommandValidation.SUB_COMMAND || type == CommandValidation.SUB_COMMAND_GROUP) {
                    opt.set("options", resolve(o.get("options"), def.get("options"), p + ".options"));
                } else {
                    JsonNode value = value(o.get("value"), def, type, p + ".value");
                    if (value != null) {
                        opt.set("value", value);
                    }
                }
            }
        }
        for (JsonNode d : definitions) {
            if (d.path("required").asBoolean(false) && !seen.contains(d.path("name").asText())) {
                errors.add(path, "APPLICATION_COMMAND_OPTION_REQUIRED",
                        "Option \"" + d.path("name").asText() + "\" is required.");
            }
        }
        return out;
    }

    private JsonNode value(JsonNode v, JsonNode def, int type, String path) throws SQLException {
        if (v == null || v.isNull()) {
            errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
            return null;
        }
        boolean ok = switch (type) {
            case CommandValidation.STRING -> v.isTextual();
            case CommandValidation.INTEGER -> v.isIntegralNumber();
            case CommandValidation.NUMBER -> v.isNumber();
            case CommandValidation.BOOLEAN -> v.isBoolean();
            case CommandValidation.ATTACHMENT -> false; // uploads are not stored by this server
            default -> v.isValueNode() && v.asText().matches("\\d{1,20}");
        };
        if (!ok) {
            errors.add(path, "APPLICATION_COMMAND_OPTION_VALUE_INVALID", "Invalid value for the option's type.");
            return null;
        }
        JsonNode choices = def.get("choices");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            boolean listed = false;
            for (JsonNode ch : choices) {
                listed |= ch.get("value").equals(v) || (v.isNumber() && ch.get("value").asDouble() == v.asDouble());
            }
            if (!listed) {
                errors.add(path, "APPLICATION_COMMAND_OPTION_VALUE_INVALID", "Value is not one of the choices.");
                return null;
            }
        }
        if (type < CommandValidation.USER_OPTION || type == CommandValidation.NUMBER) {
            return v;
        }
        long id = Long.parseUnsignedLong(v.asText());
        boolean found = switch (type) {
            case CommandValidation.USER_OPTION -> resolveUser(id);
            case CommandValidation.CHANNEL -> resolveChannel(id);
            case CommandValidation.ROLE -> resolveRole(id);
            default -> resolveUser(id) || resolveRole(id); // MENTIONABLE
        };
        if (!found) {
            errors.add(path, "APPLICATION_COMMAND_OPTION_VALUE_INVALID", "Unknown id.");
            return null;
        }
        return Json.mapper().getNodeFactory().textNode(Json.id(id));
    }

    private boolean resolveUser(long id) throws SQLException {
        User u = AuthService.findUser(c, id);
        if (u == null) {
            return false;
        }
        section("users").set(Json.id(id), UserViews.user(u));
        Member m = GuildStore.member(c, guildId, id);
        if (m != null) {
            section("members").set(Json.id(id), GuildViews.member(m, false));
        }
        return true;
    }

    private boolean resolveChannel(long id) throws SQLException {
        Channel ch = ChannelStore.find(c, id);
        if (ch == null || ch.guildId() != guildId) {
            return false;
        }
        ObjectNode o = section("channels").putObject(Json.id(id));
        o.put("id", Json.id(id));
        o.put("name", ch.name());
        o.put("type", ch.type());
        if (ch.parentId() == null) {
            o.putNull("parent_id");
        } else {
            o.put("parent_id", Json.id(ch.parentId()));
        }
        return true;
    }

    private boolean resolveRole(long id) throws SQLException {
        List<Role> roles = GuildStore.roles(c, guildId);
        for (Role r : roles) {
            if (r.id() == id) {
                section("roles").set(Json.id(id), GuildViews.role(r));
                return true;
            }
        }
        return false;
    }

    private ObjectNode section(String name) {
        return resolved.has(name) ? (ObjectNode) resolved.get(name) : resolved.putObject(name);
    }
}

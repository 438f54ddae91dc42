package dev.guildhall.core.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidRole;
import dev.guildhall.core.errors.MaxGuildRoles;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownRole;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Role;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.RoleCreated;
import dev.guildhall.events.payload.RoleDeleted;
import dev.guildhall.events.payload.RoleUpdated;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guild roles: read (members), create, modify, reorder and delete (MANAGE_ROLES and the role hierarchy). Each change
 * writes its audit log entry and {@code role.*} event in its transaction; GUILD_ROLE_* go out after the commit.
 */
public final class RoleService {
    /** Discord's limit of roles per guild (@everyone not counted). */
    public static final int MAX_ROLES = 250;
    public static final int MAX_NAME = 100;
    public static final int MAX_COLOR = 0xFFFFFF;

    private final Database db;
    private final PermissionCalculator permissions;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;

    public RoleService(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus) {
        this.db = db;
        this.permissions = permissions;
        this.recorder = recorder;
        this.bus = bus;
    }

    /** {@code GET /guilds/{id}/roles}: members only. */
    public ArrayNode list(Principal caller, long guildId) {
        return db.read(c -> {
            GuildService.requireMember(c, guildId, caller.userId());
            ArrayNode out = Json.array();
            GuildStore.roles(c, guildId).forEach(r -> out.add(GuildViews.role(r)));
            return out;
        });
    }

    /** {@code GET /guilds/{id}/roles/{role_id}}: members only; 10011 for a role of another guild. */
    public ObjectNode get(Principal caller, long guildId, long roleId) {
        return db.read(c -> {
            GuildService.requireMember(c, guildId, caller.userId());
            for (Role r : GuildStore.roles(c, guildId)) {
                if (r.id() == roleId) {
                    return GuildViews.role(r);
                }
            }
            throw new UnknownRole();
        });
    }

    /** The role fields of a create or modify body. */
    private record RoleFields(String name, Long permissions, Integer color, Boolean hoist, Boolean mentionable) {
    }

    private static RoleFields parse(JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.optionalString(body, "name", errors);
        if (name != null && name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add("name", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_NAME + " or fewer in length.");
        }
        Long perms = null;
        JsonNode p = body.get("permissions");
        if (p != null && !p.isNull()) {
            String raw = p.isTextual() ? p.textValue() : p.isIntegralNumber() ? p.asText() : null;
            if (raw == null || !raw.matches("\\d{1,19}")) {
                errors.add("permissions", "NUMBER_TYPE_COERCE", "Value \"" + p.asText() + "\" is not int.");
            } else {
                perms = Long.parseLong(raw) & Permissions.ALL;
            }
        }
        Integer color = Validation.optionalInt(body, "color", 0, MAX_COLOR, null, errors);
        JsonNode colors = body.get("colors");
        if (colors != null && colors.isObject() && colors.has("primary_color")) {
            color = Validation.optionalInt(colors, "primary_color", 0, MAX_COLOR, color, errors);
        }
        Boolean hoist = body.hasNonNull("hoist") ? Validation.optionalBoolean(body, "hoist", false, errors) : null;
        Boolean mentionable = body.hasNonNull("mentionable")
                ? Validation.optionalBoolean(body, "mentionable", false, errors) : null;
        errors.throwIfAny();
        return new RoleFields(name, perms, color, hoist, mentionable);
    }

    /** {@code POST /guilds/{id}/roles}: the new role goes to position 1, the others move up one. */
    public ObjectNode create(Principal caller, long guildId, JsonNode body, String reason) {
        RoleFields f = parse(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Created(Role role, List<Role> moved) {
        }
        Created created = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_ROLES);
            GuildStore.lock(c, guildId);
            List<Role> roles = GuildStore.roles(c, guildId);
            if (roles.size() - 1 >= MAX_ROLES) {
                throw new MaxGuildRoles();
            }
            long everyonePerms = roles.stream().filter(r -> r.id() == guildId).findFirst()
                    .map(Role::permissions).orElse(Permissions.DEFAULT_EVERYONE);
            long perms = f.permissions() == null ? everyonePerms : f.permissions();
            actor.requireGrantable(perms);
            Role role = new Role(recorder.nextId(), guildId, f.name() == null ? "new role" : f.name(), perms, 1,
                    f.color() == null ? 0 : f.color(), Boolean.TRUE.equals(f.hoist()),
                    Boolean.TRUE.equals(f.mentionable()));
            List<Role> moved = new ArrayList<>();
            for (Role r : roles) {
                if (r.id() != guildId) {
                    Role up = RolePositions.withPosition(r, r.position() + 1);
                    RoleStore.update(c, up);
                    moved.add(up);
                }
            }
            GuildStore.insertRole(c, role);
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.ROLE_CREATE, role.id(), new AuditChanges()
                    .created("name", role.name()).created("permissions", Long.toString(role.permissions()))
                    .created("color", role.color()).created("hoist", role.hoist())
                    .created("mentionable", role.mentionable()), null, reason);
            recorder.event(c, guildId, now, new RoleCreated(Json.id(role.id()), role.name(),
                    Long.toString(role.permissions()), role.position(), Json.id(caller.userId()), now.toEpochMilli()));
            return new Created(role, moved);
        }));
        recorder.committed();
        // the roles that moved up first: a client that sees the new role already knows it is below them
        created.moved().forEach(r -> dispatch(guildId, "GUILD_ROLE_UPDATE", r));
        dispatch(guildId, "GUILD_ROLE_CREATE", created.role());
        return GuildViews.role(created.role());
    }

    /** {@code PATCH /guilds/{id}/roles/{role_id}}: fields are optional and nullable (null = unchanged). */
    public ObjectNode modify(Principal caller, long guildId, long roleId, JsonNode body, String reason) {
        RoleFields f = parse(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Role updated = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_ROLES);
            Role old = RoleStore.findForUpdate(c, guildId, roleId);
            if (old == null) {
                throw new UnknownRole();
            }
            actor.requireAbove(old);
            long perms = f.permissions() == null ? old.permissions() : f.permissions();
            actor.requireGrantable(perms & ~old.permissions());
            Role r = new Role(old.id(), guildId, f.name() == null || old.id() == guildId ? old.name() : f.name(), perms,
                    old.position(), f.color() == null ? old.color() : f.color(),
                    f.hoist() == null ? old.hoist() : f.hoist(),
                    f.mentionable() == null ? old.mentionable() : f.mentionable());
            RoleStore.update(c, r);
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.ROLE_UPDATE, r.id(), new AuditChanges()
                    .change("name", old.name(), r.name())
                    .change("permissions", Long.toString(old.permissions()), Long.toString(r.permissions()))
                    .change("color", old.color(), r.color()).change("hoist", old.hoist(), r.hoist())
                    .change("mentionable", old.mentionable(), r.mentionable()), null, reason);
            recorder.event(c, guildId, now, updatedEvent(r, caller.userId(), now));
            return r;
        }));
        recorder.committed();
        dispatch(guildId, "GUILD_ROLE_UPDATE", updated);
        return GuildViews.role(updated);
    }

    /**
     * {@code PATCH /guilds/{id}/roles} with {@code [{"id","position"}]}: a non-owner may only move roles below its
     * highest role, to positions below it; @everyone cannot be moved (50028). Returns all roles.
     */
    public ArrayNode reorder(Principal caller, long guildId, JsonNode body, String reason) {
        Map<Long, Integer> requested = parsePositions(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Reordered(List<Role> all, List<Role> moved) {
        }
        Reordered result = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_ROLES);
            GuildStore.lock(c, guildId);
            List<Role> roles = GuildStore.roles(c, guildId);
            Map<Long, Role> byId = new HashMap<>();
            roles.forEach(r -> byId.put(r.id(), r));
            for (Map.Entry<Long, Integer> e : requested.entrySet()) {
                Role r = byId.get(e.getKey());
                if (r == null) {
                    throw new UnknownRole();
                }
                if (r.id() == guildId) {
                    throw new InvalidRole();
                }
                actor.requireAbove(r);
                if (!actor.isOwner() && e.getValue() >= actor.highestPosition()) {
                    throw new MissingPermissions();
                }
            }
            List<Role> all = RolePositions.renumber(roles, requested);
            List<Role> moved = new ArrayList<>();
            for (Role r : all) {
                Role before = byId.get(r.id());
                if (before.position() != r.position()) {
                    RoleStore.update(c, r);
                    moved.add(r);
                    recorder.audit(c, guildId, caller.userId(), AuditLogEvent.ROLE_UPDATE, r.id(),
                            new AuditChanges().change("position", before.position(), r.position()), null, reason);
                    recorder.event(c, guildId, now, updatedEvent(r, caller.userId(), now));
                }
            }
            return new Reordered(all, moved);
        }));
        recorder.committed();
        result.moved().forEach(r -> dispatch(guildId, "GUILD_ROLE_UPDATE", r));
        ArrayNode out = Json.array();
        result.all().forEach(r -> out.add(GuildViews.role(r)));
        return out;
    }

    private static Map<Long, Integer> parsePositions(JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        Map<Long, Integer> requested = new LinkedHashMap<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                errors.add(Integer.toString(i), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                continue;
            }
            JsonNode id = item.get("id");
            String raw = id == null || id.isNull() ? null : id.asText();
            if (raw == null) {
                errors.add(i + ".id", "BASE_TYPE_REQUIRED", "This field is required");
                continue;
            }
            if (!raw.matches("\\d{1,20}")) {
                errors.add(i + ".id", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
                continue;
            }
            Integer position = Validation.optionalInt(item, "position", 0, 1000, null, errors);
            if (position != null) {
                requested.put(Long.parseUnsignedLong(raw), position);
            }
        }
        errors.throwIfAny();
        return requested;
    }

    /** {@code DELETE /guilds/{id}/roles/{role_id}}: @everyone cannot be deleted (50028). */
    public void delete(Principal caller, long guildId, long roleId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Role> moved = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_ROLES);
            GuildStore.lock(c, guildId);
            Role old = RoleStore.findForUpdate(c, guildId, roleId);
            if (old == null) {
                throw new UnknownRole();
            }
            if (old.id() == guildId) {
                throw new InvalidRole();
            }
            actor.requireAbove(old);
            RoleStore.delete(c, roleId);
            List<Role> shifted = renumber(c, guildId);
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.ROLE_DELETE, roleId, new AuditChanges()
                    .deleted("name", old.name()).deleted("permissions", Long.toString(old.permissions()))
                    .deleted("color", old.color()).deleted("hoist", old.hoist())
                    .deleted("mentionable", old.mentionable()), null, reason);
            recorder.event(c, guildId, now, new RoleDeleted(Json.id(roleId), Json.id(caller.userId()),
                    now.toEpochMilli()));
            return shifted;
        }));
        recorder.committed();
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.put("role_id", Json.id(roleId));
        bus.publish(guildId, Dispatch.guildWide("GUILD_ROLE_DELETE", d, Intents.GUILDS));
        moved.forEach(r -> dispatch(guildId, "GUILD_ROLE_UPDATE", r));
    }

    /** Closes gaps in the order after a deletion; returns the roles that moved. */
    private static List<Role> renumber(Connection c, long guildId) throws SQLException {
        List<Role> roles = GuildStore.roles(c, guildId);
        List<Role> moved = new ArrayList<>();
        Map<Long, Integer> before = new HashMap<>();
        roles.forEach(r -> before.put(r.id(), r.position()));
        for (Role r : RolePositions.renumber(roles, Map.of())) {
            if (before.get(r.id()) != r.position()) {
                RoleStore.update(c, r);
                moved.add(r);
            }
        }
        return moved;
    }

    private static RoleUpdated updatedEvent(Role r, long actorId, Instant now) {
        return new RoleUpdated(Json.id(r.id()), r.name(), Long.toString(r.permissions()), r.position(),
                Json.id(actorId), now.toEpochMilli());
    }

    private void dispatch(long guildId, String type, Role role) {
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.set("role", GuildViews.role(role));
        bus.publish(guildId, Dispatch.guildWide(type, d, Intents.GUILDS));
    }
}

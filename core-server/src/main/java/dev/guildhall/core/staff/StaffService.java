package dev.guildhall.core.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.BotsCannotUse;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownUser;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.moderation.QueryParams;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.StaffRoleChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Platform staff roles ({@code staff_roles}, the one source of truth) and the console audit log. Roles the
 * configuration names are written to the table the first time the user is seen (at start for existing users, at
 * their first sign-in or lookup otherwise), as grants by "configuration". Every change writes its audit entry and its
 * {@code staff.role_changed} event in its transaction.
 */
public final class StaffService {
    private static final Logger LOG = LoggerFactory.getLogger(StaffService.class);
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    /** The status recorded for a staff change (its route answers 204). */
    private static final int NO_CONTENT = 204;

    private final Database db;
    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final String source;
    private final StaffConfig config;
    private final Counter granted;
    private final Counter revoked;

    public StaffService(Database db, Snowflakes ids, OutboxWriter outbox, String source, StaffConfig config,
                        MeterRegistry registry) {
        this.db = db;
        this.ids = ids;
        this.outbox = outbox;
        this.source = source;
        this.config = config;
        this.granted = changes(registry, StaffRoleChanged.GRANTED);
        this.revoked = changes(registry, StaffRoleChanged.REVOKED);
    }

    private static Counter changes(MeterRegistry registry, String action) {
        return Counter.builder("guildhall.staff.role.changes").description("staff roles granted and revoked")
                .tag("action", action).register(registry);
    }

    /** Writes the configured roles of the configured users that exist; returns how many roles were added. */
    public int bootstrapExisting() {
        Set<String> names = new TreeSet<>();
        config.bootstrap().values().forEach(names::addAll);
        if (names.isEmpty()) {
            return 0;
        }
        int added = transaction(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, global_name, bot FROM users WHERE username_key = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", names.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n += bootstrap(c, new User(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4)));
                    }
                }
            }
            return n;
        });
        LOG.info("event=staff_bootstrap configured_users={} roles_added={}", names.size(), added);
        return added;
    }

    /** The user's roles, after writing the ones the configuration gives them (call inside a transaction). */
    Set<StaffRole> rolesOf(Connection c, User user) throws SQLException {
        if (user.bot()) {
            return Set.of();
        }
        bootstrap(c, user);
        return StaffStore.roles(c, user.id());
    }

    private int bootstrap(Connection c, User user) throws SQLException {
        if (user.bot()) {
            return 0;
        }
        int n = 0;
        for (StaffRole role : config.configuredRoles(user.username())) {
            String reason = "configuration " + configName(role);
            if (StaffStore.insert(c, user.id(), role, null, reason)) {
                record(c, null, ConsoleAuditLog.GRANT, user.id(), role, reason, false);
                n++;
            }
        }
        return n;
    }

    private static String configName(StaffRole role) {
        return switch (role) {
            case PLATFORM_ADMIN -> "GUILDHALL_PLATFORM_ADMIN_USERS / GUILDHALL_CONSOLE_ADMIN_USERS";
            case SRE -> "GUILDHALL_CONSOLE_SRE_USERS";
            case TRUST_SAFETY -> "GUILDHALL_CONSOLE_TRUST_SAFETY_USERS";
        };
    }

    /** {@code GET /users/@me/staff-roles}: the caller's staff roles ({@code []} for bots and everyone else). */
    public ObjectNode myRoles(Principal caller) {
        Set<StaffRole> roles = transaction(c -> rolesOf(c, caller.user()));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("roles");
        roles.stream().sorted().forEach(r -> list.add(r.name()));
        return out;
    }

    /** Refuses callers who are not platform admins (bots: 20001, users: 50013). */
    void requireAdmin(Connection c, Principal caller) throws SQLException {
        if (caller.isBot()) {
            throw new BotsCannotUse();
        }
        if (!rolesOf(c, caller.user()).contains(StaffRole.PLATFORM_ADMIN)) {
            throw new MissingPermissions();
        }
    }

    /** Runs admin work in one transaction after checking the caller. */
    <T> T asAdmin(Principal caller, Database.SqlWork<T> work) {
        return transaction(c -> {
            requireAdmin(c, caller);
            return work.run(c);
        });
    }

    /** {@code GET /admin/staff}: every grant. */
    public ArrayNode list(Principal caller) {
        return asAdmin(caller, c -> {
            ArrayNode out = Json.array();
            for (StaffStore.Grant g : StaffStore.all(c)) {
                ObjectNode o = out.addObject();
                o.set("user", userRef(g.userId(), g.username()));
                o.put("role", g.role().name());
                o.set("granted_by", g.grantedBy() == null ? null : userRef(g.grantedBy(), g.grantedByName()));
                o.put("granted_at", Json.timestamp(g.grantedAt()));
                o.put("reason", g.reason());
            }
            return out;
        });
    }

    /** {@code PUT /admin/staff/{user_id}/roles/{role}}: grants the role (no change when held). */
    public void grant(Principal caller, long userId, String roleName, String reason, boolean viaConsole) {
        asAdmin(caller, c -> {
            StaffRole role = validRole(roleName, reason);
            User target = AuthService.findUser(c, userId);
            if (target == null) {
                throw new UnknownUser();
            }
            if (target.bot()) {
                throw InvalidFormBody.of("user_id", "STAFF_ROLE_BOT", "Bots cannot hold staff roles");
            }
            if (StaffStore.insert(c, userId, role, caller.userId(), reason)) {
                record(c, caller.userId(), ConsoleAuditLog.GRANT, userId, role, reason, viaConsole);
            }
            return null;
        });
    }

    /**
     * {@code DELETE /admin/staff/{user_id}/roles/{role}}: revokes the role (no change when not held). Refused for a
     * role the configuration grants (it would come back at the next sign-in) and for the last platform admin.
     */
    public void revoke(Principal caller, long userId, String roleName, String reason, boolean viaConsole) {
        asAdmin(caller, c -> {
            StaffRole role = validRole(roleName, reason);
            User target = AuthService.findUser(c, userId);
            if (target == null) {
                throw new UnknownUser();
            }
            if (config.configuredRoles(target.username()).contains(role)) {
                throw InvalidFormBody.of("role", "STAFF_ROLE_CONFIGURED", "This role is granted by core-server's "
                        + "configuration (" + configName(role) + "); remove the user there and restart core-server");
            }
            if (role == StaffRole.PLATFORM_ADMIN) {
                List<Long> admins = StaffStore.lockHolders(c, StaffRole.PLATFORM_ADMIN);
                if (admins.size() == 1 && admins.get(0) == userId) {
                    throw InvalidFormBody.of("role", "STAFF_ROLE_LAST_ADMIN",
                            "Cannot remove the last platform admin; grant the role to someone else first");
                }
            }
            if (StaffStore.delete(c, userId, role)) {
                record(c, caller.userId(), ConsoleAuditLog.REVOKE, userId, role, reason, viaConsole);
            }
            return null;
        });
    }

    private static StaffRole validRole(String roleName, String reason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        StaffRole role = StaffRole.parse(roleName).orElse(null);
        if (role == null) {
            errors.add("role", "STAFF_ROLE_INVALID", "Value must be one of PLATFORM_ADMIN, SRE, TRUST_SAFETY.");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "BASE_TYPE_REQUIRED", "This field is required (send it as X-Audit-Log-Reason)");
        }
        errors.throwIfAny();
        return role;
    }

    /** Writes a staff change's audit entry and its event (inside the change's transaction). */
    private void record(Connection c, Long actorId, String action, long userId, StaffRole role, String reason,
                        boolean viaConsole) throws SQLException {
        long at = Instant.now().toEpochMilli();
        ConsoleAuditLog.insert(c, new ConsoleAuditLog.Entry(ids.next(), null, actorId, null, action, null, null,
                "user", userId, role.name(), NO_CONTENT, reason, viaConsole));
        String change = action.equals(ConsoleAuditLog.GRANT) ? StaffRoleChanged.GRANTED : StaffRoleChanged.REVOKED;
        outbox.append(c, EventCodec.wrap(ids, source, "0", at, new StaffRoleChanged(change, Json.id(userId),
                role.name(), actorId == null ? null : Json.id(actorId), reason, at)));
        (change.equals(StaffRoleChanged.GRANTED) ? granted : revoked).increment();
        LOG.info("event=staff_role_{} user_id={} role={} actor_id={} via_console={}", change, userId, role, actorId,
                viaConsole);
    }

    /** Writes the audit entry of a console request (the console-audit handler, after the answer). */
    public void recordConsoleRequest(long actorId, String route, String path, Long guildId, String targetType,
                                     Long targetId, int status, String reason) {
        db.autoCommit(c -> {
            ConsoleAuditLog.insert(c, new ConsoleAuditLog.Entry(ids.next(), null, actorId, null, route, path, guildId,
                    targetType, targetId, null, status, reason, true));
            return null;
        });
    }

    /**
     * {@code GET /admin/audit-log}: entries newest first; {@code actor} is a user id or username, {@code action} an
     * exact action, {@code before} an entry id (the page after the one that ended with it).
     */
    public ObjectNode auditLog(Principal caller, String actor, String action, String beforeParam, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long before = QueryParams.snowflake("before", beforeParam, errors);
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        return asAdmin(caller, c -> {
            errors.throwIfAny();
            Long actorId = null;
            if (actor != null && !actor.isBlank()) {
                actorId = resolveUser(c, actor.strip());
                if (actorId == null) {
                    return page(List.of(), limit);
                }
            }
            String exactAction = action == null || action.isBlank() ? null : action.strip();
            return page(ConsoleAuditLog.query(c, actorId, exactAction, before, limit), limit);
        });
    }

    private static ObjectNode page(List<ConsoleAuditLog.Entry> entries, int limit) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("entries");
        for (ConsoleAuditLog.Entry e : entries) {
            ObjectNode o = list.addObject();
            o.put("id", Json.id(e.id()));
            o.put("created_at", Json.timestamp(e.createdAt()));
            o.set("actor", e.actorId() == null ? null : userRef(e.actorId(), e.actorName()));
            o.put("action", e.action());
            o.put("path", e.path());
            o.put("guild_id", e.guildId() == null ? null : Json.id(e.guildId()));
            o.put("target_type", e.targetType());
            o.put("target_id", e.targetId() == null ? null : Json.id(e.targetId()));
            o.put("detail", e.detail());
            o.put("status", e.status());
            o.put("reason", e.reason());
            o.put("via_console", e.viaConsole());
        }
        out.put("next_before", entries.size() == limit ? Json.id(entries.get(entries.size() - 1).id()) : null);
        return out;
    }

    /** A user id, or the id of the user with this name (any case); null when there is none. */
    static Long resolveUser(Connection c, String idOrName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM users WHERE username_key = ? OR id = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, idOrName.toLowerCase(Locale.ROOT));
            ps.setLong(2, parseId(idOrName));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The number as a snowflake, or -1 (matches no id). */
    static long parseId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ObjectNode userRef(long id, String username) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("username", username);
        return o;
    }

    /** Runs work in one transaction and wakes the outbox relay after the commit. */
    <T> T transaction(Database.SqlWork<T> work) {
        T result = db.inTransaction(work);
        outbox.committed();
        return result;
    }
}

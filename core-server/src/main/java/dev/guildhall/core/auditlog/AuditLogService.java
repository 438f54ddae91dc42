package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.moderation.QueryParams;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /guilds/{id}/audit-logs}: VIEW_AUDIT_LOG; Discord's audit log object, with the acting users and the
 * users acted on in {@code users}.
 */
public final class AuditLogService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private final Database db;
    private final PermissionCalculator permissions;

    public AuditLogService(Database db, PermissionCalculator permissions) {
        this.db = db;
        this.permissions = permissions;
    }

    public ObjectNode list(Principal caller, long guildId, String userIdParam, String actionTypeParam,
                           String beforeParam, String afterParam, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long userId = QueryParams.snowflake("user_id", userIdParam, errors);
        Integer actionType = actionTypeParam == null ? null
                : QueryParams.integer("action_type", actionTypeParam, 1, 1000, 0, errors);
        long before = QueryParams.snowflake("before", beforeParam, errors);
        Long after = afterParam == null ? null : QueryParams.snowflake("after", afterParam, errors);
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        return db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.VIEW_AUDIT_LOG);
            errors.throwIfAny();
            List<AuditEntry> entries = AuditLogStore.query(c, guildId, userId, actionType, before, after, limit);
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("audit_log_entries");
            Set<Long> userIds = new LinkedHashSet<>();
            for (AuditEntry e : entries) {
                list.add(view(e));
                userIds.add(e.userId());
                if (targetsUser(e.actionType()) && e.targetId() != 0) {
                    userIds.add(e.targetId());
                }
            }
            ArrayNode users = out.putArray("users");
            for (long id : userIds) {
                User u = AuthService.findUser(c, id);
                if (u != null) {
                    users.add(UserViews.user(u));
                }
            }
            out.putArray("application_commands");
            out.putArray("auto_moderation_rules");
            out.putArray("guild_scheduled_events");
            out.putArray("integrations");
            out.putArray("threads");
            out.putArray("webhooks");
            return out;
        });
    }

    /** Entries whose target is a user (kicks, bans, member updates): the user is listed in {@code users}. */
    private static boolean targetsUser(int actionType) {
        return actionType >= AuditLogEvent.MEMBER_KICK && actionType <= AuditLogEvent.MEMBER_ROLE_UPDATE;
    }

    static ObjectNode view(AuditEntry e) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(e.id()));
        o.put("user_id", Json.id(e.userId()));
        if (e.targetId() == 0) {
            o.putNull("target_id");
        } else {
            o.put("target_id", Json.id(e.targetId()));
        }
        o.put("action_type", e.actionType());
        if (e.changes() != null) {
            o.set("changes", e.changes());
        }
        if (e.options() != null) {
            o.set("options", e.options());
        }
        if (e.reason() != null) {
            o.put("reason", e.reason());
        }
        return o;
    }
}

package dev.guildhall.console.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreServerClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Platform admins' tools over core-server's admin API: user and guild lookup, staff roles, the console audit log.
 * Every method checks the console role first (refusing with {@link AccessDeniedException} before core-server is
 * asked), then calls core-server with the admin's own token, so core-server checks again and audits the change.
 */
@Service
public class PlatformAdminService {

    /** The staff roles a platform admin can grant, in the order the console offers them. */
    public static final List<String> STAFF_ROLES = List.of(ConsoleRole.SRE, ConsoleRole.TRUST_SAFETY,
            ConsoleRole.PLATFORM_ADMIN);
    public static final int LOOKUP_LIMIT = 25;
    public static final int AUDIT_PAGE = 50;

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminService.class);

    private final CoreServerClient core;

    public PlatformAdminService(CoreServerClient core) {
        this.core = core;
    }

    public List<UserRecord> findUsers(ConsoleUser admin, String query) {
        requireAdmin(admin);
        JsonNode list = core.send("GET", "admin/users?limit=" + LOOKUP_LIMIT + "&query=" + encode(query),
                admin.token(), null, null, "user lookup");
        List<UserRecord> users = new ArrayList<>();
        for (JsonNode u : list) {
            List<String> roles = new ArrayList<>();
            u.path("staff_roles").forEach(r -> roles.add(r.asText()));
            users.add(new UserRecord(id(u.path("id")), u.path("username").asText(), u.path("bot").asBoolean(),
                    Instant.parse(u.path("created_at").asText()), u.path("guilds_owned").asLong(),
                    u.path("guilds_joined").asLong(), u.path("active_tokens").asLong(), List.copyOf(roles)));
        }
        return users;
    }

    public List<GuildRecord> findGuilds(ConsoleUser admin, String query) {
        requireAdmin(admin);
        JsonNode list = core.send("GET", "admin/guilds?limit=" + LOOKUP_LIMIT + "&query=" + encode(query),
                admin.token(), null, null, "guild lookup");
        List<GuildRecord> guilds = new ArrayList<>();
        for (JsonNode g : list) {
            guilds.add(new GuildRecord(id(g.path("id")), g.path("name").asText(), id(g.at("/owner/id")),
                    g.at("/owner/username").asText(), Instant.parse(g.path("created_at").asText()),
                    g.path("member_count").asLong(), g.path("channel_count").asLong()));
        }
        return guilds;
    }

    public List<StaffGrant> staff(ConsoleUser admin) {
        requireAdmin(admin);
        List<StaffGrant> grants = new ArrayList<>();
        for (JsonNode s : core.send("GET", "admin/staff", admin.token(), null, null, "staff list")) {
            JsonNode by = s.path("granted_by");
            grants.add(new StaffGrant(id(s.at("/user/id")), s.at("/user/username").asText(), s.path("role").asText(),
                    by.isObject() ? by.path("username").asText() : null, Instant.parse(s.path("granted_at").asText()),
                    s.path("reason").isNull() ? null : s.path("reason").asText()));
        }
        return grants;
    }

    /** Grants a staff role; the reason is required and goes to the console audit log. */
    public void grant(ConsoleUser admin, long userId, String role, String reason) {
        change(admin, "PUT", userId, role, reason);
    }

    /** Revokes a staff role; the reason is required and goes to the console audit log. */
    public void revoke(ConsoleUser admin, long userId, String role, String reason) {
        change(admin, "DELETE", userId, role, reason);
    }

    private void change(ConsoleUser admin, String method, long userId, String role, String reason) {
        requireAdmin(admin);
        if (!STAFF_ROLES.contains(role)) {
            throw new IllegalArgumentException("Unknown staff role " + role);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required: it is kept in the console audit log");
        }
        core.send(method, "admin/staff/" + userId + "/roles/" + role, admin.token(), null, reason.strip(),
                method.equals("PUT") ? "staff role grant" : "staff role revoke");
        log.info("event=console_staff_role_{} admin={} user_id={} role={}", method.equals("PUT") ? "grant" : "revoke",
                admin.getName(), userId, role);
    }

    /**
     * A page of the console audit log, newest first.
     *
     * @param actor  username or id (blank = anyone)
     * @param action exact action (blank = any)
     * @param before the cursor of an older page, or null for the newest
     */
    public ConsoleAuditPage auditLog(ConsoleUser admin, String actor, String action, Long before) {
        requireAdmin(admin);
        StringBuilder path = new StringBuilder("admin/audit-log?limit=" + AUDIT_PAGE);
        if (actor != null && !actor.isBlank()) {
            path.append("&actor=").append(encode(actor.strip()));
        }
        if (action != null && !action.isBlank()) {
            path.append("&action=").append(encode(action.strip()));
        }
        if (before != null) {
            path.append("&before=").append(before);
        }
        JsonNode page = core.send("GET", path.toString(), admin.token(), null, null, "console audit log");
        List<ConsoleAuditEntry> entries = new ArrayList<>();
        for (JsonNode e : page.path("entries")) {
            JsonNode actorNode = e.path("actor");
            String target = e.path("target_id").isNull() || e.path("target_id").isMissingNode() ? null
                    : e.path("target_type").asText() + " " + e.path("target_id").asText();
            entries.add(new ConsoleAuditEntry(id(e.path("id")), Instant.parse(e.path("created_at").asText()),
                    actorNode.isObject() ? actorNode.path("username").asText() : null, e.path("action").asText(),
                    text(e.path("path")), e.path("guild_id").isNull() ? null : id(e.path("guild_id")), target,
                    text(e.path("detail")), e.path("status").asInt(), text(e.path("reason")),
                    e.path("via_console").asBoolean()));
        }
        JsonNode next = page.path("next_before");
        return new ConsoleAuditPage(entries, next.isNull() || next.isMissingNode() ? null : id(next));
    }

    private static void requireAdmin(ConsoleUser user) {
        if (user == null || !user.hasRole(ConsoleRole.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("Only platform admins can use the platform tools");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text.strip(), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static long id(JsonNode node) {
        return Long.parseLong(node.asText());
    }
}

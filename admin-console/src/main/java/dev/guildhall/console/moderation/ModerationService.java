package dev.guildhall.console.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.auth.GuildSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Everything the moderation view reads or does, each call checked here (not only in the view): the guild must be in
 * the user's moderator scope from core-server and the user must hold the action's guild permission there, else
 * {@link GuildAccessDeniedException}. Calls then go to core-server with the acting user's own token, so core-server
 * authorises them again and writes its audit log; its refusals arrive as {@link CoreRefusedException}, an
 * unreachable core-server as {@link CoreUnavailableException}.
 */
@Service
public class ModerationService {

    /** Discord's longest timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(28);
    public static final int MEMBER_SEARCH_LIMIT = 25;
    private static final long DISCORD_EPOCH = 1420070400000L;
    private static final Logger log = LoggerFactory.getLogger(ModerationService.class);

    private final GuildScope scope;
    private final CoreServerClient core;

    public ModerationService(GuildScope scope, CoreServerClient core) {
        this.scope = scope;
        this.core = core;
    }

    /** Guilds the user moderates (MANAGE_MESSAGES or MODERATE_MEMBERS, or owner). */
    public List<GuildSummary> guilds(ConsoleUser user) {
        return scope.moderatedGuilds(user);
    }

    /** The guild, if the user moderates it. */
    public GuildSummary guild(ConsoleUser user, long guildId) {
        return scope.requireModerated(user, guildId, 0);
    }

    /** One page of the guild's audit log (VIEW_AUDIT_LOG). */
    public AuditLogPage auditLog(ConsoleUser user, long guildId, AuditLogQuery query) {
        scope.requireModerated(user, guildId, GuildPermissions.VIEW_AUDIT_LOG);
        return page(core.auditLog(user.token(), guildId, query.toQueryString()), query.limit());
    }

    /** Members whose username, global name or nick starts with {@code text}. */
    public List<MemberMatch> findMembers(ConsoleUser user, long guildId, String text) {
        scope.requireModerated(user, guildId, 0);
        String query = text == null ? "" : text.strip();
        List<MemberMatch> out = new ArrayList<>();
        for (JsonNode m : core.searchMembers(user.token(), guildId, query, MEMBER_SEARCH_LIMIT)) {
            JsonNode u = m.path("user");
            String until = m.path("communication_disabled_until").asText(null);
            Instant timedOutUntil = until == null ? null : parseTime(until);
            if (timedOutUntil != null && !timedOutUntil.isAfter(Instant.now())) {
                timedOutUntil = null;
            }
            out.add(new MemberMatch(Long.parseLong(u.path("id").asText("0")), u.path("username").asText(""),
                    m.path("nick").asText(null), timedOutUntil));
        }
        return out;
    }

    /** Kicks the member (KICK_MEMBERS); the reason goes to the audit log. */
    public void kick(ConsoleUser user, long guildId, long memberId, String reason) {
        scope.requireModerated(user, guildId, GuildPermissions.KICK_MEMBERS);
        core.kick(user.token(), guildId, memberId, reason);
        logAction(user, "kick", guildId, memberId);
    }

    /** Bans the member (BAN_MEMBERS) without deleting their messages; the reason goes to the audit log. */
    public void ban(ConsoleUser user, long guildId, long memberId, String reason) {
        scope.requireModerated(user, guildId, GuildPermissions.BAN_MEMBERS);
        core.ban(user.token(), guildId, memberId, 0, reason);
        logAction(user, "ban", guildId, memberId);
    }

    /** Times the member out for {@code length} (MODERATE_MEMBERS; 1 s to 28 days); the reason goes to the audit log. */
    public void timeout(ConsoleUser user, long guildId, long memberId, Duration length, String reason) {
        if (length.isNegative() || length.isZero() || length.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a timeout lasts between 1 second and 28 days");
        }
        scope.requireModerated(user, guildId, GuildPermissions.MODERATE_MEMBERS);
        core.timeout(user.token(), guildId, memberId, Instant.now().plus(length), reason);
        logAction(user, "timeout", guildId, memberId);
    }

    private static void logAction(ConsoleUser user, String action, long guildId, long memberId) {
        log.info("event=console_action action={} user={} user_id={} guild={} target={}", action, user.getName(),
                user.userId(), guildId, memberId);
    }

    /** Discord's audit log object → a page of entries; user ids resolved through its {@code users}. */
    static AuditLogPage page(JsonNode log, int limit) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode u : log.path("users")) {
            names.put(u.path("id").asText(), u.path("username").asText());
        }
        List<AuditLogEntry> entries = new ArrayList<>();
        for (JsonNode e : log.path("audit_log_entries")) {
            long id = Long.parseLong(e.path("id").asText());
            String actor = e.path("user_id").asText("");
            String target = e.path("target_id").isNull() ? "" : e.path("target_id").asText("");
            entries.add(new AuditLogEntry(id, Instant.ofEpochMilli((id >> 22) + DISCORD_EPOCH),
                    e.path("action_type").asInt(), names.getOrDefault(actor, actor),
                    names.getOrDefault(target, target), e.path("reason").asText(""), changes(e.path("changes"))));
        }
        return new AuditLogPage(List.copyOf(entries), entries.size() >= limit);
    }

    private static String changes(JsonNode changes) {
        List<String> parts = new ArrayList<>();
        for (JsonNode c : changes) {
            parts.add(c.path("key").asText() + ": " + value(c.get("old_value")) + " → " + value(c.get("new_value")));
        }
        return String.join("; ", parts);
    }

    private static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "—";
        }
        if (v.isArray()) {
            List<String> names = new ArrayList<>();
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                JsonNode item = it.next();
                names.add(item.has("name") ? item.path("name").asText() : item.asText());
            }
            return String.join(", ", names);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

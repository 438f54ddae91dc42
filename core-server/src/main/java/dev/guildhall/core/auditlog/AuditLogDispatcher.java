package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends GUILD_AUDIT_LOG_ENTRY_CREATE (the entry object plus {@code guild_id}) for committed audit log entries to the
 * sessions of guild members with VIEW_AUDIT_LOG (owner, ADMINISTRATOR included); the GUILD_MODERATION intent is
 * applied by the session. Entries are checked against the database first, so an entry whose transaction rolled
 * back is never sent.
 */
public final class AuditLogDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogDispatcher.class);
    static final String EVENT = "GUILD_AUDIT_LOG_ENTRY_CREATE";

    private final Database db;
    private final PermissionCalculator permissions;
    private final UserDispatcher sessions;

    public AuditLogDispatcher(Database db, PermissionCalculator permissions, UserDispatcher sessions) {
        this.db = db;
        this.permissions = permissions;
        this.sessions = sessions;
    }

    /** Dispatches the entries that are committed; a failing lookup drops them (logged). */
    public void publish(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<Long, List<Long>> readersByGuild = new LinkedHashMap<>();
        Set<Long> committed;
        try {
            committed = db.read(c -> {
                Set<Long> stored = AuditLogStore.existing(c, entries.stream().map(AuditEntry::id).toList());
                for (AuditEntry e : entries) {
                    if (stored.contains(e.id()) && !readersByGuild.containsKey(e.guildId())) {
                        readersByGuild.put(e.guildId(), readers(c, e.guildId()));
                    }
                }
                return stored;
            });
        } catch (DatabaseException e) {
            LOG.warn("event=audit_dispatch_failed entries={} error={}", entries.size(), e.toString());
            return;
        }
        for (AuditEntry e : entries) {
            if (!committed.contains(e.id())) {
                continue;
            }
            ObjectNode d = AuditLogService.view(e);
            d.put("guild_id", Json.id(e.guildId()));
            Dispatch dispatch = Dispatch.guildWide(EVENT, d, Intents.GUILD_MODERATION);
            for (long user : readersByGuild.get(e.guildId())) {
                sessions.dispatchToUser(e.guildId(), user, dispatch, 0);
            }
        }
    }

    /**
     * Members with VIEW_AUDIT_LOG: guild permissions come from roles only, so the candidates are the owner and the
     * holders of a role granting it or ADMINISTRATOR (every member when @everyone grants it); the calculator then
     * decides each (timeouts included).
     */
    private List<Long> readers(Connection c, long guildId) throws SQLException {
        long grants = Permissions.VIEW_AUDIT_LOG | Permissions.ADMINISTRATOR;
        long owner = 0;
        List<Long> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.owner_id, NULL::bigint FROM guilds g WHERE g.id = ?
                UNION ALL
                SELECT NULL, m.user_id FROM members m WHERE m.guild_id = ?
                  AND (EXISTS (SELECT 1 FROM roles r WHERE r.id = m.guild_id AND r.permissions & ? <> 0)
                    OR EXISTS (SELECT 1 FROM member_roles mr JOIN roles r ON r.id = mr.role_id
                               WHERE mr.guild_id = m.guild_id AND mr.user_id = m.user_id
                                 AND r.permissions & ? <> 0))""")) {
            ps.setLong(1, guildId);
            ps.setLong(2, guildId);
            ps.setLong(3, grants);
            ps.setLong(4, grants);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long o = rs.getLong(1);
                    if (!rs.wasNull()) {
                        owner = o;
                    } else {
                        candidates.add(rs.getLong(2));
                    }
                }
            }
        }
        List<Long> out = new ArrayList<>();
        if (owner != 0) {
            out.add(owner);
        }
        for (long user : candidates) {
            if (user != owner && Permissions.has(permissions.guildPermissions(c, guildId, owner, user),
                    Permissions.VIEW_AUDIT_LOG)) {
                out.add(user);
            }
        }
        return out;
    }
}

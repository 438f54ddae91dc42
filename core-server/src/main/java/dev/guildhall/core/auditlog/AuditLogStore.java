package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SQL for audit_log_entries. */
public final class AuditLogStore {
    private AuditLogStore() {
    }

    public static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log_entries (id, guild_id, user_id, action_type, target_id, changes, options, reason)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")) {
            ps.setLong(1, e.id());
            ps.setLong(2, e.guildId());
            ps.setLong(3, e.userId());
            ps.setInt(4, e.actionType());
            if (e.targetId() == 0) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, e.targetId());
            }
            ps.setString(6, e.changes() == null || e.changes().isEmpty() ? null : Json.string(e.changes()));
            ps.setString(7, e.options() == null ? null : Json.string(e.options()));
            ps.setString(8, e.reason());
            ps.executeUpdate();
        }
    }

    /**
     * Entries of a guild, filtered (0 / null = no filter). Like Discord: with {@code after} (and no {@code before})
     * the oldest entries after it, in ascending order; otherwise the newest before {@code before} (or now), newest
     * first.
     */
    public static List<AuditEntry> query(Connection c, long guildId, long userId, Integer actionType, long before,
                                         Long after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT id, guild_id, user_id, action_type, target_id, changes, options, reason
                  FROM audit_log_entries WHERE guild_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(guildId);
        if (userId != 0) {
            sql.append(" AND user_id = ?");
            args.add(userId);
        }
        if (actionType != null) {
            sql.append(" AND action_type = ?");
            args.add(actionType);
        }
        if (before != 0) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        boolean ascending = after != null && before == 0;
        if (ascending) {
            sql.append(" AND id > ?");
            args.add(after);
        }
        sql.append(ascending ? " ORDER BY id ASC" : " ORDER BY id DESC").append(" LIMIT ?");
        args.add(limit);
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                            (ArrayNode) parse(rs.getString(6)), (ObjectNode) parse(rs.getString(7)),
                            rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** Which of these entry ids are stored (committed, when read on another connection). */
    public static Set<Long> existing(Connection c, List<Long> ids) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM audit_log_entries WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static JsonNode parse(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new SQLException("corrupt audit log json", e);
        }
    }
}

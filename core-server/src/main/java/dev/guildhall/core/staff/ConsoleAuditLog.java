package dev.guildhall.core.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of {@code console_audit_log}: the audit log of console actions (staff changes and console requests). */
final class ConsoleAuditLog {
    static final String GRANT = "staff_role.grant";
    static final String REVOKE = "staff_role.revoke";

    private ConsoleAuditLog() {
    }

    /** One entry; {@code actorName} is read with it (null when the configuration acted or the user is gone). */
    record Entry(long id, Instant createdAt, Long actorId, String actorName, String action, String path, Long guildId,
                 String targetType, Long targetId, String detail, int status, String reason, boolean viaConsole) {
    }

    static void insert(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_audit_log (id, actor_id, action, path, "
                + "guild_id, target_type, target_id, detail, status, reason, via_console) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.id());
            setLong(ps, 2, e.actorId());
            ps.setString(3, e.action());
            ps.setString(4, e.path());
            setLong(ps, 5, e.guildId());
            ps.setString(6, e.targetType());
            setLong(ps, 7, e.targetId());
            ps.setString(8, e.detail());
            ps.setInt(9, e.status());
            ps.setString(10, e.reason());
            ps.setBoolean(11, e.viaConsole());
            ps.executeUpdate();
        }
    }

    /**
     * Entries newest first.
     *
     * @param actorId null = any actor
     * @param action  null = any action
     * @param before  only entries with a smaller id (0 = from the newest)
     */
    static List<Entry> query(Connection c, Long actorId, String action, long before, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT a.id, a.created_at, a.actor_id, u.username, a.action, a.path, "
                + "a.guild_id, a.target_type, a.target_id, a.detail, a.status, a.reason, a.via_console "
                + "FROM console_audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE true");
        List<Object> args = new ArrayList<>();
        if (actorId != null) {
            sql.append(" AND a.actor_id = ?");
            args.add(actorId);
        }
        if (action != null) {
            sql.append(" AND a.action = ?");
            args.add(action);
        }
        if (before > 0) {
            sql.append(" AND a.id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY a.id DESC LIMIT ?");
        args.add(limit);
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), longOrNull(rs, 3),
                            rs.getString(4), rs.getString(5), rs.getString(6), longOrNull(rs, 7), rs.getString(8),
                            longOrNull(rs, 9), rs.getString(10), rs.getInt(11), rs.getString(12), rs.getBoolean(13)));
                }
            }
        }
        return out;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }
}

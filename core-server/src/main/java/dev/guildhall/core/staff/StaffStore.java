package dev.guildhall.core.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** SQL of {@code staff_roles}. */
final class StaffStore {
    private StaffStore() {
    }

    /** One held role, with the names of the holder and of who granted it (null: the configuration). */
    record Grant(long userId, String username, StaffRole role, Long grantedBy, String grantedByName,
                 Instant grantedAt, String reason) {
    }

    static Set<StaffRole> roles(Connection c, long userId) throws SQLException {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM staff_roles WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StaffRole.parse(rs.getString(1)).ifPresent(roles::add);
                }
            }
        }
        return roles;
    }

    /** Inserts the role unless held; true when it was inserted. */
    static boolean insert(Connection c, long userId, StaffRole role, Long grantedBy, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_roles (user_id, role, granted_by, reason) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, role) DO NOTHING")) {
            ps.setLong(1, userId);
            ps.setString(2, role.name());
            if (grantedBy == null) {
                ps.setNull(3, java.sql.Types.BIGINT);
            } else {
                ps.setLong(3, grantedBy);
            }
            ps.setString(4, reason);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the role; true when it was held. */
    static boolean delete(Connection c, long userId, StaffRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_roles WHERE user_id = ? AND role = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, role.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The holders of a role, locked until the transaction ends: two admins revoking each other at once cannot both
     * see the other one still there.
     */
    static List<Long> lockHolders(Connection c, StaffRole role) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id FROM staff_roles WHERE role = ? ORDER BY user_id FOR UPDATE")) {
            ps.setString(1, role.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Every grant, by role then username. */
    static List<Grant> all(Connection c) throws SQLException {
        List<Grant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.user_id, u.username, s.role, s.granted_by, g.username, s.granted_at, s.reason "
                        + "FROM staff_roles s JOIN users u ON u.id = s.user_id "
                        + "LEFT JOIN users g ON g.id = s.granted_by ORDER BY s.role, u.username_key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long grantedBy = rs.getLong(4);
                Long by = rs.wasNull() ? null : grantedBy;
                Timestamp at = rs.getTimestamp(6);
                StaffRole role = StaffRole.parse(rs.getString(3)).orElse(null);
                if (role != null) {
                    out.add(new Grant(rs.getLong(1), rs.getString(2), role, by, rs.getString(5), at.toInstant(),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }
}

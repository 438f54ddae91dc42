package dev.guildhall.core.guilds;

import dev.guildhall.core.auth.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for guilds, roles and members. */
public final class GuildStore {
    private GuildStore() {
    }

    public static Guild find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, owner_id, system_channel_id, created_at FROM guilds WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readGuild(rs) : null;
            }
        }
    }

    /** Guilds the user is a member of, oldest membership first. */
    public static List<Guild> ofUser(Connection c, long userId) throws SQLException {
        List<Guild> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.name, g.owner_id, g.system_channel_id, g.created_at
                  FROM members m JOIN guilds g ON g.id = m.guild_id
                 WHERE m.user_id = ? ORDER BY g.id""")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readGuild(rs));
                }
            }
        }
        return out;
    }

    public static boolean isMember(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM members WHERE guild_id = ? AND user_id = ?")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Adds a member; false when already a member. */
    public static boolean addMember(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO members (guild_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    public static void insertGuild(Connection c, Guild g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO guilds (id, name, owner_id, system_channel_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, g.id());
            ps.setString(2, g.name());
            ps.setLong(3, g.ownerId());
            if (g.systemChannelId() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, g.systemChannelId());
            }
            ps.setTimestamp(5, Timestamp.from(g.createdAt()));
            ps.executeUpdate();
        }
    }

    public static void insertRole(Connection c, Role r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO roles (id, guild_id, name, permissions, position, color, hoist, mentionable)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, r.id());
            ps.setLong(2, r.guildId());
            ps.setString(3, r.name());
            ps.setLong(4, r.permissions());
            ps.setInt(5, r.position());
            ps.setInt(6, r.color());
            ps.setBoolean(7, r.hoist());
            ps.setBoolean(8, r.mentionable());
            ps.executeUpdate();
        }
    }

    public static List<Role> roles(Connection c, long guildId) throws SQLException {
        List<Role> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, guild_id, name, permissions, position, color, hoist, mentionable
                  FROM roles WHERE guild_id = ? ORDER BY position, id""")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Role(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                            rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8)));
                }
            }
        }
        return out;
    }

    public static int memberCount(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM members WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** One member, or null. */
    public static Member member(Connection c, long guildId, long userId) throws SQLException {
        List<Member> list = members(c, guildId, userId, 1);
        return list.isEmpty() ? null : list.get(0);
    }

    /** Members of a guild (at most {@code limit}), with their users and role ids. */
    public static List<Member> members(Connection c, long guildId, int limit) throws SQLException {
        return members(c, guildId, null, limit);
    }

    private static List<Member> members(Connection c, long guildId, Long onlyUser, int limit) throws SQLException {
        Map<Long, List<Long>> roleIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, role_id FROM member_roles WHERE guild_id = ?" + (onlyUser == null ? "" : " AND user_id = ?"))) {
            ps.setLong(1, guildId);
            if (onlyUser != null) {
                ps.setLong(2, onlyUser);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roleIds.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        List<Member> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.username, u.global_name, u.bot, m.nick, m.joined_at
                  FROM members m JOIN users u ON u.id = m.user_id
                 WHERE m.guild_id = ?""" + (onlyUser == null ? "" : " AND m.user_id = ?") + " ORDER BY m.joined_at, u.id LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, guildId);
            if (onlyUser != null) {
                ps.setLong(i++, onlyUser);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    User u = new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
                    out.add(new Member(guildId, u, rs.getString(5), rs.getTimestamp(6).toInstant(),
                            roleIds.getOrDefault(u.id(), List.of())));
                }
            }
        }
        return out;
    }

    private static Guild readGuild(ResultSet rs) throws SQLException {
        Long system = (Long) rs.getObject(4);
        Instant created = rs.getTimestamp(5).toInstant();
        return new Guild(rs.getLong(1), rs.getString(2), rs.getLong(3), system, created);
    }
}

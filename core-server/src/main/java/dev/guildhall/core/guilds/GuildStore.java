package dev.guildhall.core.guilds;

import dev.guildhall.core.auth.User;
import dev.guildhall.core.json.Json;

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
                "SELECT id, name, owner_id, system_channel_id, created_at, settings::text FROM guilds WHERE id = ?")) {
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
                SELECT g.id, g.name, g.owner_id, g.system_channel_id, g.created_at, g.settings::text
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

    /**
     * Locks the guild's row until the transaction ends: serialises changes that count or renumber per guild (role
     * positions, the per-trigger-type AutoMod rule limits).
     */
    public static void lock(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM guilds WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, guildId);
            ps.executeQuery().close();
        }
    }

    /** Locks and returns the guild, or null. */
    public static Guild findForUpdate(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, owner_id, system_channel_id, created_at, settings::text FROM guilds WHERE id = ?"
                        + " FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readGuild(rs) : null;
            }
        }
    }

    /** Saves a guild's name, system channel and settings. */
    public static void updateGuild(Connection c, Guild g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE guilds SET name = ?, system_channel_id = ?, settings = ?::jsonb WHERE id = ?")) {
            ps.setString(1, g.name());
            if (g.systemChannelId() == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, g.systemChannelId());
            }
            ps.setString(3, g.settings().toJson());
            ps.setLong(4, g.id());
            ps.executeUpdate();
        }
    }

    /** Deletes a guild; its roles, channels, messages, members, invites and bans go with it. */
    public static void deleteGuild(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM guilds WHERE id = ?")) {
            ps.setLong(1, id);
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
        List<Member> list = query(c, guildId, " AND m.user_id = ?", List.of(userId), "m.joined_at, u.id", 1);
        return list.isEmpty() ? null : list.get(0);
    }

    /** Members of a guild (at most {@code limit}), with their users and role ids. */
    public static List<Member> members(Connection c, long guildId, int limit) throws SQLException {
        return query(c, guildId, "", List.of(), "m.joined_at, u.id", limit);
    }

    /** Members with a user id above {@code afterUserId}, by user id ({@code GET /guilds/{id}/members}). */
    public static List<Member> membersAfter(Connection c, long guildId, long afterUserId, int limit)
            throws SQLException {
        return query(c, guildId, " AND m.user_id > ?", List.of(afterUserId), "u.id", limit);
    }

    /** Members whose username, global name or nick starts with {@code prefix} (case-insensitive). */
    public static List<Member> searchMembers(Connection c, long guildId, String prefix, int limit)
            throws SQLException {
        String pattern = prefix.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return query(c, guildId, " AND (lower(u.username) LIKE ? OR lower(u.global_name) LIKE ? OR lower(m.nick) LIKE ?)",
                List.of(pattern, pattern, pattern), "m.joined_at, u.id", limit);
    }

    private static List<Member> query(Connection c, long guildId, String where, List<Object> params, String order,
                                      int limit) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.username, u.global_name, u.bot, m.nick, m.joined_at, m.communication_disabled_until,
                       m.mute, m.deaf
                  FROM members m JOIN users u ON u.id = m.user_id
                 WHERE m.guild_id = ?""" + where + " ORDER BY " + order + " LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, guildId);
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    User u = new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
                    Timestamp until = rs.getTimestamp(7);
                    out.add(new Member(guildId, u, rs.getString(5), rs.getTimestamp(6).toInstant(), List.of(),
                            until == null ? null : until.toInstant(), rs.getBoolean(8), rs.getBoolean(9)));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<Long, List<Long>> roleIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, role_id FROM member_roles WHERE guild_id = ? AND user_id = ANY (?) ORDER BY role_id")) {
            ps.setLong(1, guildId);
            ps.setArray(2, c.createArrayOf("bigint", out.stream().map(m -> m.user().id()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roleIds.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        List<Member> withRoles = new ArrayList<>(out.size());
        for (Member m : out) {
            withRoles.add(new Member(guildId, m.user(), m.nick(), m.joinedAt(),
                    roleIds.getOrDefault(m.user().id(), List.of()), m.communicationDisabledUntil(), m.mute(),
                    m.deaf()));
        }
        return withRoles;
    }

    private static Guild readGuild(ResultSet rs) throws SQLException {
        Long system = (Long) rs.getObject(4);
        Instant created = rs.getTimestamp(5).toInstant();
        String settings = rs.getString(6);
        try {
            return new Guild(rs.getLong(1), rs.getString(2), rs.getLong(3), system, created,
                    settings == null ? GuildSettings.DEFAULTS
                            : GuildSettings.fromJson(Json.mapper().readTree(settings)));
        } catch (java.io.IOException e) {
            throw new SQLException("corrupt guild settings", e);
        }
    }
}

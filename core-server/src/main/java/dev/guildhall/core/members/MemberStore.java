package dev.guildhall.core.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** SQL for member changes (reads are in GuildStore). */
public final class MemberStore {
    private MemberStore() {
    }

    /** Removes a member (its roles go with it); false when it was not a member. */
    public static boolean delete(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM members WHERE guild_id = ? AND user_id = ?")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Locks the member row; false when not a member. */
    static boolean lock(Connection c, long guildId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM members WHERE guild_id = ? AND user_id = ? FOR UPDATE")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void setNick(Connection c, long guildId, long userId, String nick) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE members SET nick = ? WHERE guild_id = ? AND user_id = ?")) {
            ps.setString(1, nick);
            ps.setLong(2, guildId);
            ps.setLong(3, userId);
            ps.executeUpdate();
        }
    }

    public static void setTimeout(Connection c, long guildId, long userId, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE members SET communication_disabled_until = ? WHERE guild_id = ? AND user_id = ?")) {
            ps.setTimestamp(1, until == null ? null : Timestamp.from(until));
            ps.setLong(2, guildId);
            ps.setLong(3, userId);
            ps.executeUpdate();
        }
    }

    /** False when the member already had the role. */
    static boolean addRole(Connection c, long guildId, long userId, long roleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            ps.setLong(3, roleId);
            return ps.executeUpdate() == 1;
        }
    }

    /** False when the member did not have the role. */
    static boolean removeRole(Connection c, long guildId, long userId, long roleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM member_roles WHERE guild_id = ? AND user_id = ? AND role_id = ?")) {
            ps.setLong(1, guildId);
            ps.setLong(2, userId);
            ps.setLong(3, roleId);
            return ps.executeUpdate() == 1;
        }
    }

    /** A member's server mute and deafen ({@code PATCH /guilds/{id}/members/{user}} {@code mute}/{@code deaf}). */
    static void setVoiceFlags(Connection c, long guildId, long userId, boolean mute, boolean deaf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE members SET mute = ?, deaf = ? WHERE guild_id = ? AND user_id = ?")) {
            ps.setBoolean(1, mute);
            ps.setBoolean(2, deaf);
            ps.setLong(3, guildId);
            ps.setLong(4, userId);
            ps.executeUpdate();
        }
    }
}

package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL for application commands (guild id 0 = global). */
final class CommandStore {
    private static final String SELECT =
            "SELECT id, application_id, guild_id, type, name, body::text AS body, version FROM application_commands";

    private CommandStore() {
    }

    /** The application's commands in one scope, oldest first. */
    static List<Command> list(Connection c, long applicationId, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE application_id = ? AND COALESCE(guild_id, 0) = ? ORDER BY id")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, guildId);
            return readAll(ps);
        }
    }

    static Command find(Connection c, long applicationId, long guildId, long commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE application_id = ? AND COALESCE(guild_id, 0) = ? AND id = ?")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, guildId);
            ps.setLong(3, commandId);
            List<Command> l = readAll(ps);
            return l.isEmpty() ? null : l.get(0);
        }
    }

    /** A command the application may be invoked with in a guild: that guild's or a global one. */
    static Command findInvocable(Connection c, long applicationId, long guildId, long commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE application_id = ? AND (guild_id IS NULL OR guild_id = ?) AND id = ?")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, guildId);
            ps.setLong(3, commandId);
            List<Command> l = readAll(ps);
            return l.isEmpty() ? null : l.get(0);
        }
    }

    static Command findByName(Connection c, long applicationId, long guildId, int type, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE application_id = ? AND COALESCE(guild_id, 0) = ? AND type = ? AND name = ? FOR UPDATE")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, guildId);
            ps.setInt(3, type);
            ps.setString(4, name);
            List<Command> l = readAll(ps);
            return l.isEmpty() ? null : l.get(0);
        }
    }

    static int count(Connection c, long applicationId, long guildId, int type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM application_commands"
                + " WHERE application_id = ? AND COALESCE(guild_id, 0) = ? AND type = ?")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, guildId);
            ps.setInt(3, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void insert(Connection c, Command cmd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO application_commands (id, application_id, guild_id, type, name, body, version)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setLong(1, cmd.id());
            ps.setLong(2, cmd.applicationId());
            if (cmd.guildId() == 0) {
                ps.setNull(3, java.sql.Types.BIGINT);
            } else {
                ps.setLong(3, cmd.guildId());
            }
            ps.setInt(4, cmd.type());
            ps.setString(5, cmd.name());
            ps.setString(6, Json.string(cmd.body()));
            ps.setLong(7, cmd.version());
            ps.executeUpdate();
        }
    }

    static void update(Connection c, Command cmd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE application_commands SET name = ?, body = ?::jsonb, version = ? WHERE id = ?")) {
            ps.setString(1, cmd.name());
            ps.setString(2, Json.string(cmd.body()));
            ps.setLong(3, cmd.version());
            ps.setLong(4, cmd.id());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, long commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM application_commands WHERE id = ?")) {
            ps.setLong(1, commandId);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<Command> readAll(PreparedStatement ps) throws SQLException {
        List<Command> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ObjectNode body;
                try {
                    body = (ObjectNode) Json.parse(rs.getString("body").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new SQLException("unreadable command body", e);
                }
                out.add(new Command(rs.getLong("id"), rs.getLong("application_id"), rs.getLong("guild_id"),
                        rs.getInt("type"), rs.getString("name"), body, rs.getLong("version")));
            }
        }
        return out;
    }
}

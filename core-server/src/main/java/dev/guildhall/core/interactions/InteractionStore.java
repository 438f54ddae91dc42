package dev.guildhall.core.interactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;

/** SQL for interactions (tokens only as SHA-256 hashes). */
final class InteractionStore {
    private static final String SELECT = """
            SELECT id, application_id, type, guild_id, channel_id, user_id, command_id, command_name, command_type,
                   message_id, created_at, callback_type, original_message_id, original_loading
              FROM interactions""";

    private InteractionStore() {
    }

    static void insert(Connection c, Interaction i, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO interactions (id, application_id, token_hash, type, guild_id, channel_id, user_id,
                                          command_id, command_name, command_type, message_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, i.id());
            ps.setLong(2, i.applicationId());
            ps.setBytes(3, tokenHash);
            ps.setInt(4, i.type());
            ps.setLong(5, i.guildId());
            ps.setLong(6, i.channelId());
            ps.setLong(7, i.userId());
            setId(ps, 8, i.commandId());
            ps.setString(9, i.commandName());
            if (i.commandType() == 0) {
                ps.setNull(10, Types.INTEGER);
            } else {
                ps.setInt(10, i.commandType());
            }
            setId(ps, 11, i.messageId());
            ps.setTimestamp(12, Timestamp.from(i.createdAt()));
            ps.executeUpdate();
        }
    }

    private static void setId(PreparedStatement ps, int index, long id) throws SQLException {
        if (id == 0) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, id);
        }
    }

    /** The interaction with this id and token hash, locked; null when there is none. */
    static Interaction findForUpdate(Connection c, long id, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ? AND token_hash = ? FOR UPDATE")) {
            ps.setLong(1, id);
            ps.setBytes(2, tokenHash);
            return one(ps);
        }
    }

    /** The application's interaction with this token hash (follow-up routes), locked; null when there is none. */
    static Interaction findByToken(Connection c, long applicationId, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE application_id = ? AND token_hash = ? FOR UPDATE")) {
            ps.setLong(1, applicationId);
            ps.setBytes(2, tokenHash);
            return one(ps);
        }
    }

    static void acknowledge(Connection c, long id, int callbackType, long originalMessageId, boolean loading)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE interactions SET callback_type = ?, original_message_id = ?, original_loading = ?
                 WHERE id = ?""")) {
            ps.setInt(1, callbackType);
            setId(ps, 2, originalMessageId);
            ps.setBoolean(3, loading);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    static void originalCompleted(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE interactions SET original_loading = false WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** The bot user of the interaction's application (read in the caller's transaction). */
    static long botUserId(Connection c, long applicationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bot_user_id FROM applications WHERE id = ?")) {
            ps.setLong(1, applicationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("application " + applicationId + " of an interaction is gone");
                }
                return rs.getLong(1);
            }
        }
    }

    private static Interaction one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            int callback = rs.getInt("callback_type");
            Integer callbackType = rs.wasNull() ? null : callback;
            return new Interaction(rs.getLong("id"), rs.getLong("application_id"), rs.getInt("type"),
                    rs.getLong("guild_id"), rs.getLong("channel_id"), rs.getLong("user_id"),
                    rs.getLong("command_id"), rs.getString("command_name"), rs.getInt("command_type"),
                    rs.getLong("message_id"), rs.getTimestamp("created_at").toInstant(), callbackType,
                    rs.getLong("original_message_id"), rs.getBoolean("original_loading"));
        }
    }
}

package dev.guildhall.core.channels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** SQL for channels. */
public final class ChannelStore {
    private static final String COLUMNS = "id, guild_id, type, name, position, topic, bitrate, user_limit, last_message_id, parent_id, nsfw,"
            + " rate_limit_per_user, rtc_region";

    private ChannelStore() {
    }

    public static Channel find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM channels WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    public static List<Channel> ofGuild(Connection c, long guildId) throws SQLException {
        List<Channel> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM channels WHERE guild_id = ? ORDER BY type, position, id")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    public static void insert(Connection c, Channel ch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO channels (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, ch.id());
            ps.setLong(2, ch.guildId());
            ps.setInt(3, ch.type());
            ps.setString(4, ch.name());
            ps.setInt(5, ch.position());
            ps.setString(6, ch.topic());
            setInt(ps, 7, ch.bitrate());
            setInt(ps, 8, ch.userLimit());
            if (ch.lastMessageId() == null) {
                ps.setNull(9, Types.BIGINT);
            } else {
                ps.setLong(9, ch.lastMessageId());
            }
            if (ch.parentId() == null) {
                ps.setNull(10, Types.BIGINT);
            } else {
                ps.setLong(10, ch.parentId());
            }
            ps.setBoolean(11, ch.nsfw());
            ps.setInt(12, ch.rateLimitPerUser());
            ps.setString(13, ch.rtcRegion());
            ps.executeUpdate();
        }
    }

    /**
     * Moves {@code last_message_id} forward, never back: two posts may commit in the opposite order of their ids,
     * and the later commit must not replace the newer id with the older one.
     */
    public static void setLastMessage(Connection c, long channelId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE channels SET last_message_id = GREATEST(last_message_id, ?) WHERE id = ?")) {
            ps.setLong(1, messageId);
            ps.setLong(2, channelId);
            ps.executeUpdate();
        }
    }

    /**
     * Writes every mutable field of a channel (name, type, position, topic, voice settings and region, parent, nsfw,
     * slowmode).
     */
    public static void update(Connection c, Channel ch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE channels SET type = ?, name = ?, position = ?, topic = ?,"
                + " bitrate = ?, user_limit = ?, parent_id = ?, nsfw = ?, rate_limit_per_user = ?, rtc_region = ?"
                + " WHERE id = ?")) {
            ps.setInt(1, ch.type());
            ps.setString(2, ch.name());
            ps.setInt(3, ch.position());
            ps.setString(4, ch.topic());
            setInt(ps, 5, ch.bitrate());
            setInt(ps, 6, ch.userLimit());
            if (ch.parentId() == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, ch.parentId());
            }
            ps.setBoolean(8, ch.nsfw());
            ps.setInt(9, ch.rateLimitPerUser());
            ps.setString(10, ch.rtcRegion());
            ps.setLong(11, ch.id());
            ps.executeUpdate();
        }
    }

    /** Locks a channel row for an update in this transaction; null when it does not exist. */
    public static Channel findForUpdate(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM channels WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Deletes a channel and the threads under it (messages, invites and overwrites cascade). */
    public static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM channels WHERE (parent_id = ? AND type IN (10, 11, 12)) OR id = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Channels (not threads) under a category. */
    public static List<Channel> children(Connection c, long categoryId) throws SQLException {
        List<Channel> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM channels WHERE parent_id = ? AND type NOT IN (10, 11, 12) ORDER BY position, id")) {
            ps.setLong(1, categoryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Number of channels of a guild, threads excluded. */
    public static int countInGuild(Connection c, long guildId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM channels WHERE guild_id = ? AND type NOT IN (10, 11, 12)")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** One past the highest position among a guild's channels of the given types (0 when there are none). */
    public static int nextPosition(Connection c, long guildId, int... types) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int t : types) {
            in.append(in.length() == 0 ? "" : ", ").append(t);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(position) + 1, 0) FROM channels"
                + " WHERE guild_id = ? AND type IN (" + in + ")")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Channel read(ResultSet rs) throws SQLException {
        Integer bitrate = (Integer) rs.getObject("bitrate");
        Integer userLimit = (Integer) rs.getObject("user_limit");
        Long last = (Long) rs.getObject("last_message_id");
        Long parent = (Long) rs.getObject("parent_id");
        return new Channel(rs.getLong("id"), rs.getLong("guild_id"), rs.getInt("type"), rs.getString("name"),
                rs.getInt("position"), rs.getString("topic"), bitrate, userLimit, last, parent,
                rs.getBoolean("nsfw"), rs.getInt("rate_limit_per_user"), rs.getString("rtc_region"));
    }
}

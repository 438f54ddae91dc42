package dev.guildhall.core.threads;

import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for thread metadata and thread members (the thread's channel row goes through {@link ChannelStore}). */
public final class ThreadStore {
    /** Discord's approximate member_count stops at 50. */
    public static final int MEMBER_COUNT_CAP = 50;

    private static final String SELECT = """
            SELECT c.id, c.guild_id, c.type, c.name, c.position, c.topic, c.bitrate, c.user_limit, c.last_message_id,
                   c.parent_id, c.nsfw, c.rate_limit_per_user,
                   t.owner_id, t.archived, t.archive_timestamp, t.auto_archive_duration, t.locked, t.invitable,
                   t.create_timestamp, t.last_activity, t.message_count, t.total_message_sent,
                   (SELECT count(*) FROM thread_members m WHERE m.thread_id = c.id) AS member_count
              FROM channels c JOIN thread_metadata t ON t.thread_id = c.id
            """;

    private ThreadStore() {
    }

    public static void insert(Connection c, GuildThread t) throws SQLException {
        ChannelStore.insert(c, t.channel());
        ThreadMeta m = t.meta();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO thread_metadata (thread_id, owner_id, archived, archive_timestamp, auto_archive_duration,
                    locked, invitable, create_timestamp, last_activity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, t.id());
            ps.setLong(2, m.ownerId());
            ps.setBoolean(3, m.archived());
            ps.setTimestamp(4, Timestamp.from(m.archiveTimestamp()));
            ps.setInt(5, m.autoArchiveDuration());
            ps.setBoolean(6, m.locked());
            ps.setBoolean(7, m.invitable());
            ps.setTimestamp(8, Timestamp.from(m.createTimestamp()));
            ps.setTimestamp(9, Timestamp.from(m.lastActivity()));
            ps.executeUpdate();
        }
    }

    public static GuildThread find(Connection c, long threadId) throws SQLException {
        return one(c, SELECT + " WHERE c.id = ?", threadId);
    }

    /** The thread row locked for an update in this transaction. */
    public static GuildThread findForUpdate(Connection c, long threadId) throws SQLException {
        return one(c, SELECT + " WHERE c.id = ? FOR UPDATE OF t", threadId);
    }

    private static GuildThread one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Active (not archived) threads of a guild, newest first. */
    public static List<GuildThread> active(Connection c, long guildId) throws SQLException {
        return many(c, SELECT + " WHERE c.guild_id = ? AND NOT t.archived ORDER BY c.id DESC", guildId);
    }

    /** Every thread of a parent channel (archived or not), by id. */
    public static List<GuildThread> ofParent(Connection c, long parentId) throws SQLException {
        return many(c, SELECT + " WHERE c.parent_id = ? ORDER BY c.id", parentId);
    }

    /**
     * Archived threads of a parent channel of the given types, by archive_timestamp descending, before
     * {@code before} (null = no bound), at most {@code limit}.
     */
    public static List<GuildThread> archived(Connection c, long parentId, List<Integer> types, Instant before,
                                             int limit) throws SQLException {
        String sql = SELECT + " WHERE c.parent_id = ? AND t.archived AND c.type = ANY (?)"
                + (before != null ? " AND t.archive_timestamp < ?" : "")
                + " ORDER BY t.archive_timestamp DESC, c.id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, parentId);
            ps.setArray(i++, c.createArrayOf("integer", types.toArray()));
            if (before != null) {
                ps.setTimestamp(i++, Timestamp.from(before));
            }
            ps.setInt(i, limit);
            return list(ps);
        }
    }

    /** Archived private threads of a parent channel that the user has joined, by id descending. */
    public static List<GuildThread> joinedPrivateArchived(Connection c, long parentId, long userId, long beforeId,
                                                          int limit) throws SQLException {
        String sql = SELECT + " WHERE c.parent_id = ? AND t.archived AND c.type = " + Channel.PRIVATE_THREAD
                + " AND EXISTS (SELECT 1 FROM thread_members m WHERE m.thread_id = c.id AND m.user_id = ?)"
                + (beforeId != 0 ? " AND c.id < ?" : "") + " ORDER BY c.id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, parentId);
            ps.setLong(i++, userId);
            if (beforeId != 0) {
                ps.setLong(i++, beforeId);
            }
            ps.setInt(i, limit);
            return list(ps);
        }
    }

    /** Threads started from the given messages of a channel (thread id = message id), by id. */
    public static Map<Long, GuildThread> startedFrom(Connection c, long parentId, Collection<Long> messageIds)
            throws SQLException {
        Map<Long, GuildThread> out = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.parent_id = ? AND c.id = ANY (?)")) {
            ps.setLong(1, parentId);
            ps.setArray(2, c.createArrayOf("bigint", messageIds.toArray()));
            for (GuildThread t : list(ps)) {
                out.put(t.id(), t);
            }
        }
        return out;
    }

    private static List<GuildThread> many(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return list(ps);
        }
    }

    private static List<GuildThread> list(PreparedStatement ps) throws SQLException {
        List<GuildThread> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    /** Writes the mutable metadata (archived, archive_timestamp, duration, locked, invitable, activity). */
    public static void updateMeta(Connection c, long threadId, ThreadMeta m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE thread_metadata SET archived = ?, archive_timestamp = ?, auto_archive_duration = ?,
                    locked = ?, invitable = ?, last_activity = ? WHERE thread_id = ?""")) {
            ps.setBoolean(1, m.archived());
            ps.setTimestamp(2, Timestamp.from(m.archiveTimestamp()));
            ps.setInt(3, m.autoArchiveDuration());
            ps.setBoolean(4, m.locked());
            ps.setBoolean(5, m.invitable());
            ps.setTimestamp(6, Timestamp.from(m.lastActivity()));
            ps.setLong(7, threadId);
            ps.executeUpdate();
        }
    }

    public static void updateChannel(Connection c, long threadId, String name, int rateLimitPerUser)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE channels SET name = ?, rate_limit_per_user = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setInt(2, rateLimitPerUser);
            ps.setLong(3, threadId);
            ps.executeUpdate();
        }
    }

    /** A message was sent in the thread: both counters and the activity clock move. */
    public static void messageSent(Connection c, long threadId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE thread_metadata SET message_count = message_count + 1,
                    total_message_sent = total_message_sent + 1, last_activity = ? WHERE thread_id = ?""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, threadId);
            ps.executeUpdate();
        }
    }

    /** Messages of a channel were deleted: a thread's message_count goes down (no-op for other channels). */
    public static void messagesDeleted(Connection c, long channelId, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE thread_metadata SET message_count = greatest(0, message_count - ?) WHERE thread_id = ?")) {
            ps.setInt(1, count);
            ps.setLong(2, channelId);
            ps.executeUpdate();
        }
    }

    /** Archives every active thread whose last activity is older than its auto_archive_duration; their ids. */
    public static List<Long> archiveInactive(Connection c, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE thread_metadata SET archived = true, archive_timestamp = ?
                 WHERE NOT archived AND last_activity + auto_archive_duration * interval '1 minute' < ?
                RETURNING thread_id""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    public static void delete(Connection c, long threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM channels WHERE id = ?")) {
            ps.setLong(1, threadId);
            ps.executeUpdate();
        }
    }

    // ---- members

    /** Adds a member; false when already a member. */
    public static boolean addMember(Connection c, long threadId, long userId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO thread_members (thread_id, user_id, join_timestamp) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setLong(1, threadId);
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes a member; false when not a member. */
    public static boolean removeMember(Connection c, long threadId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM thread_members WHERE thread_id = ? AND user_id = ?")) {
            ps.setLong(1, threadId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean isMember(Connection c, long threadId, long userId) throws SQLException {
        return member(c, threadId, userId) != null;
    }

    public static ThreadMember member(Connection c, long threadId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT thread_id, user_id, join_timestamp, flags FROM thread_members
                 WHERE thread_id = ? AND user_id = ?""")) {
            ps.setLong(1, threadId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readMember(rs) : null;
            }
        }
    }

    /** Members of a thread by user id, after {@code afterUserId}, at most {@code limit}. */
    public static List<ThreadMember> members(Connection c, long threadId, long afterUserId, int limit)
            throws SQLException {
        List<ThreadMember> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT thread_id, user_id, join_timestamp, flags FROM thread_members
                 WHERE thread_id = ? AND user_id > ? ORDER BY user_id LIMIT ?""")) {
            ps.setLong(1, threadId);
            ps.setLong(2, afterUserId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readMember(rs));
                }
            }
        }
        return out;
    }

    /** The user's memberships among the given threads, by thread id. */
    public static Map<Long, ThreadMember> membershipsOf(Connection c, long userId, Collection<Long> threadIds)
            throws SQLException {
        Map<Long, ThreadMember> out = new LinkedHashMap<>();
        if (threadIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT thread_id, user_id, join_timestamp, flags FROM thread_members
                 WHERE user_id = ? AND thread_id = ANY (?)""")) {
            ps.setLong(1, userId);
            ps.setArray(2, c.createArrayOf("bigint", threadIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ThreadMember m = readMember(rs);
                    out.put(m.threadId(), m);
                }
            }
        }
        return out;
    }

    private static ThreadMember readMember(ResultSet rs) throws SQLException {
        return new ThreadMember(rs.getLong("thread_id"), rs.getLong("user_id"),
                rs.getTimestamp("join_timestamp").toInstant(), rs.getInt("flags"));
    }

    private static GuildThread read(ResultSet rs) throws SQLException {
        Long last = (Long) rs.getObject("last_message_id");
        Channel ch = new Channel(rs.getLong("id"), rs.getLong("guild_id"), rs.getInt("type"), rs.getString("name"),
                rs.getInt("position"), rs.getString("topic"), null, null, last, rs.getLong("parent_id"),
                rs.getBoolean("nsfw"), rs.getInt("rate_limit_per_user"));
        ThreadMeta m = new ThreadMeta(rs.getLong("owner_id"), rs.getBoolean("archived"),
                rs.getTimestamp("archive_timestamp").toInstant(), rs.getInt("auto_archive_duration"),
                rs.getBoolean("locked"), rs.getBoolean("invitable"), rs.getTimestamp("create_timestamp").toInstant(),
                rs.getTimestamp("last_activity").toInstant(), rs.getInt("message_count"),
                rs.getInt("total_message_sent"), rs.getInt("member_count"));
        return new GuildThread(ch, m);
    }
}

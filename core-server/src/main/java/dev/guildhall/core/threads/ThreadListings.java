package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The thread listings: active threads of a guild, archived public / private / joined-private threads of a channel. */
public final class ThreadListings {
    private final Database db;
    private final ChannelAccess access;

    public ThreadListings(Database db, ChannelAccess access) {
        this.db = db;
        this.access = access;
    }

    /** {@code GET /guilds/{id}/threads/active}: the active threads the caller can view, id descending. */
    public ObjectNode activeThreads(Principal caller, long guildId) {
        return db.read(c -> {
            GuildService.requireMember(c, guildId, caller.userId());
            return listing(c, ActiveThreads.visible(c, access, guildId, caller.userId()), caller.userId(), null);
        });
    }

    /**
     * {@code GET /channels/{id}/threads/archived/public?before=&limit=}: READ_MESSAGE_HISTORY; archived public
     * (announcement) threads by archive_timestamp descending.
     */
    public ObjectNode archivedPublic(Principal caller, long channelId, String beforeParam, String limitParam) {
        return archived(caller, channelId, beforeParam, limitParam, false);
    }

    /** {@code GET /channels/{id}/threads/archived/private}: READ_MESSAGE_HISTORY and MANAGE_THREADS. */
    public ObjectNode archivedPrivate(Principal caller, long channelId, String beforeParam, String limitParam) {
        return archived(caller, channelId, beforeParam, limitParam, true);
    }

    private ObjectNode archived(Principal caller, long channelId, String beforeParam, String limitParam,
                                boolean privateThreads) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        Instant before = ThreadParams.timestampQuery("before", beforeParam, errors);
        int limit = ThreadParams.limitQuery(limitParam, 50, errors);
        errors.throwIfAny();
        long needed = Permissions.READ_MESSAGE_HISTORY | (privateThreads ? Permissions.MANAGE_THREADS : 0);
        return db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), needed);
            ThreadLookup.requireParent(grant.channel());
            List<Integer> types = privateThreads ? List.of(Channel.PRIVATE_THREAD)
                    : List.of(Channel.PUBLIC_THREAD, Channel.ANNOUNCEMENT_THREAD);
            List<GuildThread> page = ThreadStore.archived(c, channelId, types, before, limit + 1);
            return listing(c, page.subList(0, Math.min(limit, page.size())), caller.userId(), page.size() > limit);
        });
    }

    /**
     * {@code GET /channels/{id}/users/@me/threads/archived/private?before=&limit=}: READ_MESSAGE_HISTORY; the
     * archived private threads the caller joined, id descending ({@code before} is a thread id).
     */
    public ObjectNode joinedPrivateArchived(Principal caller, long channelId, String beforeParam, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long before = ThreadParams.snowflakeQuery("before", beforeParam, errors);
        int limit = ThreadParams.limitQuery(limitParam, 50, errors);
        errors.throwIfAny();
        return db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            ThreadLookup.requireParent(grant.channel());
            List<GuildThread> page = ThreadStore.joinedPrivateArchived(c, channelId, caller.userId(), before,
                    limit + 1);
            return listing(c, page.subList(0, Math.min(limit, page.size())), caller.userId(), page.size() > limit);
        });
    }

    /** {@code {"threads", "members", "has_more"?}} with the caller's thread members. */
    private static ObjectNode listing(Connection c, List<GuildThread> threads, long userId, Boolean hasMore)
            throws SQLException {
        ObjectNode out = Json.object();
        ArrayNode ts = out.putArray("threads");
        threads.forEach(t -> ts.add(ThreadViews.thread(t)));
        ArrayNode ms = out.putArray("members");
        ThreadStore.membershipsOf(c, userId, threads.stream().map(GuildThread::id).toList()).values()
                .forEach(m -> ms.add(ThreadViews.member(m)));
        if (hasMore != null) {
            out.put("has_more", hasMore);
        }
        return out;
    }
}

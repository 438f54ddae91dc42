package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.ThreadArchived;
import dev.guildhall.core.errors.UnknownMember;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.ThreadMembersChanged;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Thread membership: joining, leaving, adding and removing members ({@code thread.members_changed} through the
 * outbox, THREAD_MEMBERS_UPDATE and the joiner's THREAD_CREATE after the commit) and reading members.
 */
public final class ThreadMembership {
    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final ThreadDispatches dispatches;
    private final String source;

    public ThreadMembership(Database db, Snowflakes ids, ChannelAccess access, OutboxWriter outbox, GuildEventBus bus,
                            UserDispatcher users, String source) {
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.outbox = outbox;
        this.bus = bus;
        this.dispatches = new ThreadDispatches(bus, users);
        this.source = source;
    }

    private record MembersChange(GuildThread thread, int memberCount, Map<ThreadMember, Member> added,
                                 Map<Long, Boolean> removed) {
    }

    /** {@code PUT /channels/{id}/thread-members/@me}: 204; not on archived threads (50083). */
    public void join(Principal caller, long threadId) {
        Instant now = ThreadParams.now();
        MembersChange ch = privateMembershipChange(threadId, () -> db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, threadId, caller.userId(),
                    0);
            if (seen.thread().meta().archived()) {
                throw new ThreadArchived();
            }
            return add(c, seen.thread(), caller.userId(), caller.userId(), now);
        }));
        announceMembers(ch);
    }

    /**
     * {@code PUT /channels/{id}/thread-members/{user_id}}: SEND_MESSAGES_IN_THREADS; in a private thread that is not
     * invitable only MANAGE_THREADS (or the thread's owner) may add; the user must be a member of the guild (10007);
     * 204 also when already a member.
     */
    public void addMember(Principal caller, long threadId, long userId) {
        Instant now = ThreadParams.now();
        MembersChange ch = privateMembershipChange(threadId, () -> db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, threadId, caller.userId(),
                    Permissions.SEND_MESSAGES);
            GuildThread t = seen.thread();
            if (t.meta().archived()) {
                throw new ThreadArchived();
            }
            if (t.isPrivate() && !t.meta().invitable() && !seen.moderator() && t.meta().ownerId() != caller.userId()) {
                throw new MissingPermissions();
            }
            if (!GuildStore.isMember(c, t.guildId(), userId)) {
                throw new UnknownMember();
            }
            return add(c, t, userId, caller.userId(), now);
        }));
        announceMembers(ch);
    }

    /**
     * Membership of a private thread decides who may view it: the transaction runs as a permission change of the
     * guild (see {@link GuildEventBus#permissionChange}), so a message committed after a removal never reaches the
     * removed member through a cached answer. Other threads' membership does not change visibility.
     */
    private <T> T privateMembershipChange(long threadId, Supplier<T> transaction) {
        Channel thread = db.read(c -> ChannelStore.find(c, threadId));
        return thread == null || thread.type() != Channel.PRIVATE_THREAD ? transaction.get()
                : bus.permissionChange(thread.guildId(), transaction);
    }

    /** Adds the user; null when they already were a member (nothing to announce). */
    private MembersChange add(Connection c, GuildThread t, long userId, long actorId, Instant now)
            throws SQLException {
        if (!ThreadStore.addMember(c, t.id(), userId, now)) {
            return null;
        }
        int count = t.meta().memberCount() + 1;
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(t.guildId()), now.toEpochMilli(),
                new ThreadMembersChanged(Json.id(t.id()), List.of(Json.id(userId)), List.of(), count,
                        Json.id(actorId), now.toEpochMilli())));
        Map<ThreadMember, Member> added = new LinkedHashMap<>();
        added.put(ThreadStore.member(c, t.id(), userId), GuildStore.member(c, t.guildId(), userId));
        return new MembersChange(ThreadStore.find(c, t.id()), count, added, Map.of());
    }

    /** {@code DELETE /channels/{id}/thread-members/@me}: 204; not on archived threads (50083). */
    public void leave(Principal caller, long threadId) {
        Instant now = ThreadParams.now();
        MembersChange ch = privateMembershipChange(threadId, () -> db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, threadId, caller.userId(),
                    0);
            if (seen.thread().meta().archived()) {
                throw new ThreadArchived();
            }
            return remove(c, seen.thread(), caller.userId(), caller.userId(), now);
        }));
        announceMembers(ch);
    }

    /**
     * {@code DELETE /channels/{id}/thread-members/{user_id}}: MANAGE_THREADS, or the creator of a private thread;
     * 204; not on archived threads (50083).
     */
    public void removeMember(Principal caller, long threadId, long userId) {
        Instant now = ThreadParams.now();
        MembersChange ch = privateMembershipChange(threadId, () -> db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, threadId, caller.userId(),
                    0);
            GuildThread t = seen.thread();
            boolean privateOwner = t.isPrivate() && t.meta().ownerId() == caller.userId();
            if (!seen.moderator() && !privateOwner) {
                throw new MissingPermissions();
            }
            if (t.meta().archived()) {
                throw new ThreadArchived();
            }
            return remove(c, t, userId, caller.userId(), now);
        }));
        announceMembers(ch);
    }

    private MembersChange remove(Connection c, GuildThread t, long userId, long actorId, Instant now)
            throws SQLException {
        if (!ThreadStore.removeMember(c, t.id(), userId)) {
            return null;
        }
        int count = Math.max(0, t.meta().memberCount() - 1);
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(t.guildId()), now.toEpochMilli(),
                new ThreadMembersChanged(Json.id(t.id()), List.of(), List.of(Json.id(userId)), count,
                        Json.id(actorId), now.toEpochMilli())));
        return new MembersChange(ThreadStore.find(c, t.id()), count, Map.of(),
                Map.of(userId, access.canView(c, t.id(), userId)));
    }

    private void announceMembers(MembersChange ch) {
        if (ch == null) {
            return;
        }
        outbox.committed();
        dispatches.membersUpdated(ch.thread(), ch.memberCount(), ch.added(), ch.removed());
        ch.added().keySet().forEach(m -> dispatches.createdFor(ch.thread(), m));
    }

    /** {@code GET /channels/{id}/thread-members/{user_id}?with_member=}: 10007 when not a member of the thread. */
    public ObjectNode member(Principal caller, long threadId, long userId, String withMemberParam) {
        boolean withMember = ThreadParams.booleanQuery(withMemberParam);
        return db.read(c -> {
            long guildId = ThreadLookup.require(c, access, threadId, caller.userId(), 0).guild().id();
            ThreadMember m = ThreadStore.member(c, threadId, userId);
            if (m == null) {
                throw new UnknownMember();
            }
            return withMember ? ThreadViews.member(m, GuildStore.member(c, guildId, userId)) : ThreadViews.member(m);
        });
    }

    /** {@code GET /channels/{id}/thread-members?with_member=&after=&limit=}: by user id; limit 1-100 (100). */
    public ArrayNode members(Principal caller, long threadId, String withMemberParam, String afterParam,
                             String limitParam) {
        boolean withMember = ThreadParams.booleanQuery(withMemberParam);
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long after = ThreadParams.snowflakeQuery("after", afterParam, errors);
        int limit = ThreadParams.limitQuery(limitParam, 100, errors);
        errors.throwIfAny();
        return db.read(c -> {
            long guildId = ThreadLookup.require(c, access, threadId, caller.userId(), 0).guild().id();
            ArrayNode out = Json.array();
            for (ThreadMember m : ThreadStore.members(c, threadId, after, limit)) {
                out.add(withMember ? ThreadViews.member(m, GuildStore.member(c, guildId, m.userId()))
                        : ThreadViews.member(m));
            }
            return out;
        });
    }
}

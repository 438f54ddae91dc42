package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ThreadChannels;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.ThreadAlreadyCreated;
import dev.guildhall.core.errors.ThreadArchived;
import dev.guildhall.core.errors.ThreadLocked;
import dev.guildhall.core.errors.UnknownMember;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.errors.WrongChannelType;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.ThreadCreated;
import dev.guildhall.events.payload.ThreadDeleted;
import dev.guildhall.events.payload.ThreadMembersChanged;
import dev.guildhall.events.payload.ThreadUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads as Discord's topics/threads describes them: starting (from a message or not), membership, listing,
 * modifying, deleting and auto-archiving. Every change writes its {@code thread.*} event through the outbox in the
 * same transaction and dispatches THREAD_* after the commit.
 */
public final class ThreadService implements ThreadChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadService.class);
    /** The values Discord accepts for auto_archive_duration (minutes). */
    public static final Set<Integer> AUTO_ARCHIVE_DURATIONS = Set.of(60, 1440, 4320, 10080);
    public static final int DEFAULT_AUTO_ARCHIVE_DURATION = 1440;
    public static final int MAX_RATE_LIMIT_PER_USER = 21600;

    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final ThreadDispatches dispatches;
    private final String source;

    public ThreadService(Database db, Snowflakes ids, ChannelAccess access, OutboxWriter outbox, GuildEventBus bus,
                         UserDispatcher users, String source) {
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.outbox = outbox;
        this.bus = bus;
        this.dispatches = new ThreadDispatches(bus, users);
        this.source = source;
    }

    private record NewThread(String name, int autoArchiveDuration, int rateLimitPerUser, int type, boolean invitable) {
    }

    private static NewThread parseNew(JsonNode body, boolean withType) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.requiredString(body, "name", errors);
        Validation.length(name, "name", 1, 100, errors);
        int duration = autoArchiveDuration(body, DEFAULT_AUTO_ARCHIVE_DURATION, errors);
        Integer slowmode = Validation.optionalInt(body, "rate_limit_per_user", 0, MAX_RATE_LIMIT_PER_USER, 0, errors);
        int type = Channel.PRIVATE_THREAD; // v10 default when type is omitted
        boolean invitable = true;
        if (withType) {
            Integer t = Validation.optionalInt(body, "type", 0, 100, Channel.PRIVATE_THREAD, errors);
            if (t != null && t != Channel.ANNOUNCEMENT_THREAD && t != Channel.PUBLIC_THREAD
                    && t != Channel.PRIVATE_THREAD) {
                errors.add("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.");
            } else if (t != null) {
                type = t;
            }
            invitable = Validation.optionalBoolean(body, "invitable", true, errors);
        }
        errors.throwIfAny();
        return new NewThread(name, duration, slowmode == null ? 0 : slowmode, type, invitable);
    }

    private static int autoArchiveDuration(JsonNode body, int fallback, InvalidFormBody.Builder errors) {
        Integer d = Validation.optionalInt(body, "auto_archive_duration", 0, Integer.MAX_VALUE, fallback, errors);
        if (d != null && !AUTO_ARCHIVE_DURATIONS.contains(d)) {
            errors.add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.");
            return fallback;
        }
        return d == null ? fallback : d;
    }

    /** The parent must be a text or announcement channel. */
    private static void requireThreadParent(Channel parent) {
        if (parent.type() != Channel.GUILD_TEXT && parent.type() != Channel.GUILD_ANNOUNCEMENT) {
            throw new WrongChannelType();
        }
    }

    private record Started(GuildThread thread, ThreadMember owner, Message starter) {
    }

    /**
     * {@code POST /channels/{id}/messages/{message_id}/threads}: CREATE_PUBLIC_THREADS; a public thread (announcement
     * thread in an announcement channel) whose id is the message's; 160004 when the message already has one.
     * THREAD_CREATE and MESSAGE_UPDATE of the starter message (with its {@code thread}).
     */
    public ObjectNode startFromMessage(Principal caller, long channelId, long messageId, JsonNode body) {
        NewThread req = parseNew(body, false);
        Instant now = now();
        Started s = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.CREATE_PUBLIC_THREADS);
            requireThreadParent(grant.channel());
            Message m = MessageStore.find(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (ThreadStore.find(c, messageId) != null) {
                throw new ThreadAlreadyCreated();
            }
            int type = grant.channel().type() == Channel.GUILD_ANNOUNCEMENT ? Channel.ANNOUNCEMENT_THREAD
                    : Channel.PUBLIC_THREAD;
            Started started = insert(c, caller, grant.channel(), messageId, type, req, now);
            return new Started(started.thread(), started.owner(), MessageStore.withReference(c, m));
        });
        announceCreated(s);
        ObjectNode update = MessageViews.message(s.starter(), null);
        update.set("thread", ThreadViews.thread(s.thread()));
        update.put("channel_type", s.thread().channel().type() == Channel.ANNOUNCEMENT_THREAD
                ? Channel.GUILD_ANNOUNCEMENT : Channel.GUILD_TEXT);
        bus.publish(s.thread().guildId(), new Dispatch("MESSAGE_UPDATE", update, Intents.GUILD_MESSAGES, true,
                s.starter().author().id(), channelId));
        return ThreadViews.thread(s.thread(), s.owner());
    }

    /**
     * {@code POST /channels/{id}/threads} without a message: type 11 needs CREATE_PUBLIC_THREADS, type 12 (the
     * default) CREATE_PRIVATE_THREADS and a text channel; type 10 only in announcement channels.
     */
    public ObjectNode startWithoutMessage(Principal caller, long channelId, JsonNode body) {
        NewThread req = parseNew(body, true);
        Instant now = now();
        long threadId = ids.next();
        Started s = db.inTransaction(c -> {
            long needed = req.type() == Channel.PRIVATE_THREAD ? Permissions.CREATE_PRIVATE_THREADS
                    : Permissions.CREATE_PUBLIC_THREADS;
            ChannelGrant grant = access.require(c, channelId, caller.userId(), needed);
            requireThreadParent(grant.channel());
            boolean announcement = grant.channel().type() == Channel.GUILD_ANNOUNCEMENT;
            if (req.type() == Channel.PRIVATE_THREAD && announcement
                    || req.type() == Channel.ANNOUNCEMENT_THREAD && !announcement
                    || req.type() == Channel.PUBLIC_THREAD && announcement) {
                throw new WrongChannelType();
            }
            return insert(c, caller, grant.channel(), threadId, req.type(), req, now);
        });
        announceCreated(s);
        return ThreadViews.thread(s.thread(), s.owner());
    }

    private Started insert(Connection c, Principal caller, Channel parent, long threadId, int type, NewThread req,
                           Instant now) throws SQLException {
        Channel ch = new Channel(threadId, parent.guildId(), type, req.name(), 0, null, null, null, null,
                parent.id(), parent.nsfw(), req.rateLimitPerUser());
        ThreadMeta meta = new ThreadMeta(caller.userId(), false, now, req.autoArchiveDuration(), false,
                type != Channel.PRIVATE_THREAD || req.invitable(), now, now, 0, 0, 1);
        ThreadStore.insert(c, new GuildThread(ch, meta));
        ThreadStore.addMember(c, threadId, caller.userId(), now);
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(parent.guildId()), now.toEpochMilli(),
                new ThreadCreated(Json.id(threadId), Json.id(parent.id()), type, Json.id(caller.userId()),
                        req.name(), req.autoArchiveDuration(), now.toEpochMilli())));
        return new Started(ThreadStore.find(c, threadId), ThreadStore.member(c, threadId, caller.userId()), null);
    }

    private void announceCreated(Started s) {
        outbox.committed();
        LOG.debug("event=thread_created thread_id={} guild_id={} type={}", s.thread().id(), s.thread().guildId(),
                s.thread().channel().type());
        dispatches.created(s.thread());
        dispatches.memberUpdated(s.thread().guildId(), s.owner());
    }

    // ---- membership

    /** A thread the caller can see (50024 for a channel that is not a thread). */
    private record Seen(ChannelGrant grant, GuildThread thread) {
        boolean moderator() {
            return Permissions.has(grant.permissions(), Permissions.MANAGE_THREADS);
        }
    }

    /** The visible thread, its metadata row locked for the rest of the transaction. */
    private Seen requireThread(Connection c, long threadId, long userId, long required) throws SQLException {
        ChannelGrant grant = requireThreadGrant(c, threadId, userId, required);
        return new Seen(grant, ThreadStore.findForUpdate(c, threadId));
    }

    private ChannelGrant requireThreadGrant(Connection c, long threadId, long userId, long required)
            throws SQLException {
        ChannelGrant grant = access.require(c, threadId, userId, required);
        if (!grant.channel().isThread()) {
            throw new WrongChannelType();
        }
        return grant;
    }

    private record MembersChange(GuildThread thread, int memberCount, Map<ThreadMember, Member> added,
                                 Map<Long, Boolean> removed) {
    }

    /** {@code PUT /channels/{id}/thread-members/@me}: 204; not on archived threads (50083). */
    public void join(Principal caller, long threadId) {
        Instant now = now();
        MembersChange ch = db.inTransaction(c -> {
            Seen seen = requireThread(c, threadId, caller.userId(), 0);
            if (seen.thread().meta().archived()) {
                throw new ThreadArchived();
            }
            return add(c, seen.thread(), caller.userId(), caller.userId(), now);
        });
        announceMembers(ch);
    }

    /**
     * {@code PUT /channels/{id}/thread-members/{user_id}}: SEND_MESSAGES_IN_THREADS; in a private thread that is not
     * invitable only MANAGE_THREADS (or the thread's owner) may add; the user must be a member of the guild (10007);
     * 204 also when already a member.
     */
    public void addMember(Principal caller, long threadId, long userId) {
        Instant now = now();
        MembersChange ch = db.inTransaction(c -> {
            Seen seen = requireThread(c, threadId, caller.userId(), Permissions.SEND_MESSAGES);
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
        });
        announceMembers(ch);
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
        Instant now = now();
        MembersChange ch = db.inTransaction(c -> {
            Seen seen = requireThread(c, threadId, caller.userId(), 0);
            if (seen.thread().meta().archived()) {
                throw new ThreadArchived();
            }
            return remove(c, seen.thread(), caller.userId(), caller.userId(), now);
        });
        announceMembers(ch);
    }

    /**
     * {@code DELETE /channels/{id}/thread-members/{user_id}}: MANAGE_THREADS, or the creator of a private thread;
     * 204; not on archived threads (50083).
     */
    public void removeMember(Principal caller, long threadId, long userId) {
        Instant now = now();
        MembersChange ch = db.inTransaction(c -> {
            Seen seen = requireThread(c, threadId, caller.userId(), 0);
            GuildThread t = seen.thread();
            boolean privateOwner = t.isPrivate() && t.meta().ownerId() == caller.userId();
            if (!seen.moderator() && !privateOwner) {
                throw new MissingPermissions();
            }
            if (t.meta().archived()) {
                throw new ThreadArchived();
            }
            return remove(c, t, userId, caller.userId(), now);
        });
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
        boolean withMember = booleanQuery(withMemberParam);
        return db.read(c -> {
            long guildId = requireThreadGrant(c, threadId, caller.userId(), 0).guild().id();
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
        boolean withMember = booleanQuery(withMemberParam);
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long after = snowflakeQuery("after", afterParam, errors);
        int limit = limitQuery(limitParam, 100, errors);
        errors.throwIfAny();
        return db.read(c -> {
            long guildId = requireThreadGrant(c, threadId, caller.userId(), 0).guild().id();
            ArrayNode out = Json.array();
            for (ThreadMember m : ThreadStore.members(c, threadId, after, limit)) {
                out.add(withMember ? ThreadViews.member(m, GuildStore.member(c, guildId, m.userId()))
                        : ThreadViews.member(m));
            }
            return out;
        });
    }

    // ---- listing

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
        Instant before = timestampQuery("before", beforeParam, errors);
        int limit = limitQuery(limitParam, 50, errors);
        errors.throwIfAny();
        long needed = Permissions.READ_MESSAGE_HISTORY | (privateThreads ? Permissions.MANAGE_THREADS : 0);
        return db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), needed);
            requireThreadParent(grant.channel());
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
        long before = snowflakeQuery("before", beforeParam, errors);
        int limit = limitQuery(limitParam, 50, errors);
        errors.throwIfAny();
        return db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            requireThreadParent(grant.channel());
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

    // ---- modify / delete (PATCH and DELETE /channels/{id} on a thread)

    @Override
    public ObjectNode view(Principal caller, Channel thread) {
        return db.read(c -> {
            GuildThread t = ThreadStore.find(c, thread.id());
            return ThreadViews.thread(t, ThreadStore.member(c, t.id(), caller.userId()));
        });
    }

    private record Modified(GuildThread thread, boolean changed, boolean unarchived, List<ThreadMember> members) {
    }

    /**
     * Discord's rules: the thread must be active or be unarchived by the request (50083); {@code locked} and
     * {@code rate_limit_per_user} need MANAGE_THREADS; unarchiving a locked thread needs MANAGE_THREADS, an
     * unlocked one SEND_MESSAGES_IN_THREADS; {@code name}, archiving, {@code auto_archive_duration} and
     * {@code invitable} need the owner or MANAGE_THREADS; the owner cannot rename a locked thread (160005).
     * archive_timestamp moves when archived or auto_archive_duration change.
     */
    @Override
    public ObjectNode modify(Principal caller, Channel thread, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.optionalString(body, "name", errors);
        Validation.length(name, "name", 1, 100, errors);
        Boolean archived = optionalBoolean(body, "archived", errors);
        Boolean locked = optionalBoolean(body, "locked", errors);
        Boolean invitable = optionalBoolean(body, "invitable", errors);
        Integer duration = body.hasNonNull("auto_archive_duration") ? autoArchiveDuration(body, 0, errors) : null;
        Integer slowmode = Validation.optionalInt(body, "rate_limit_per_user", 0, MAX_RATE_LIMIT_PER_USER, null,
                errors);
        errors.throwIfAny();
        Instant now = now();
        Modified mod = db.inTransaction(c -> {
            Seen seen = requireThread(c, thread.id(), caller.userId(), 0);
            GuildThread t = seen.thread();
            ThreadMeta m = t.meta();
            boolean moderator = seen.moderator();
            boolean owner = m.ownerId() == caller.userId();
            boolean unarchive = m.archived() && Boolean.FALSE.equals(archived);
            if (m.archived() && !unarchive) {
                throw new ThreadArchived();
            }
            boolean archive = !m.archived() && Boolean.TRUE.equals(archived);
            boolean rename = name != null && !name.equals(t.channel().name());
            boolean newDuration = duration != null && duration != 0 && duration != m.autoArchiveDuration();
            boolean newLock = locked != null && locked != m.locked();
            boolean newSlowmode = slowmode != null && slowmode != t.channel().rateLimitPerUser();
            boolean newInvitable = t.isPrivate() && invitable != null && invitable != m.invitable();
            if ((newLock || newSlowmode) && !moderator) {
                throw new MissingPermissions();
            }
            if (unarchive && !moderator && (m.locked()
                    || !Permissions.has(seen.grant().permissions(), Permissions.SEND_MESSAGES_IN_THREADS))) {
                throw new MissingPermissions();
            }
            if ((rename || archive || newDuration || newInvitable) && !moderator) {
                if (!owner) {
                    throw new MissingPermissions();
                }
                if (m.locked()) {
                    throw new ThreadLocked();
                }
            }
            if (!(unarchive || archive || rename || newDuration || newLock || newSlowmode || newInvitable)) {
                return new Modified(t, false, false, List.of());
            }
            boolean archivedNow = archive || (m.archived() && !unarchive);
            Instant archiveTs = archive || unarchive || newDuration ? now : m.archiveTimestamp();
            Instant activity = unarchive || newDuration ? now : m.lastActivity();
            ThreadMeta next = new ThreadMeta(m.ownerId(), archivedNow, archiveTs,
                    newDuration ? duration : m.autoArchiveDuration(), newLock ? locked : m.locked(),
                    newInvitable ? invitable : m.invitable(), m.createTimestamp(), activity, m.messageCount(),
                    m.totalMessageSent(), m.memberCount());
            ThreadStore.updateMeta(c, t.id(), next);
            if (rename || newSlowmode) {
                ThreadStore.updateChannel(c, t.id(), rename ? name : t.channel().name(),
                        newSlowmode ? slowmode : t.channel().rateLimitPerUser());
            }
            GuildThread updated = ThreadStore.find(c, t.id());
            outbox.append(c, updatedEvent(updated, Json.id(caller.userId()), now));
            return new Modified(updated, true, unarchive,
                    unarchive ? ThreadStore.members(c, t.id(), 0, Integer.MAX_VALUE) : List.of());
        });
        if (mod.changed()) {
            outbox.committed();
            ThreadDispatches.updated(bus, mod.thread());
            mod.members().forEach(m -> dispatches.memberUpdated(mod.thread().guildId(), m));
        }
        ThreadMember self = db.read(c -> ThreadStore.member(c, thread.id(), caller.userId()));
        return ThreadViews.thread(mod.thread(), self);
    }

    private record Deleted(GuildThread thread, List<Long> privateViewers) {
    }

    /** Deleting a thread needs MANAGE_THREADS; THREAD_DELETE; its messages and members go with it. */
    @Override
    public ObjectNode delete(Principal caller, Channel thread) {
        Instant now = now();
        Deleted d = db.inTransaction(c -> {
            Seen seen = requireThread(c, thread.id(), caller.userId(), Permissions.MANAGE_THREADS);
            GuildThread t = seen.thread();
            List<Long> viewers = t.isPrivate() ? viewers(c, seen.grant().guild(), t) : List.of();
            ThreadStore.delete(c, t.id());
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(t.guildId()), now.toEpochMilli(),
                    new ThreadDeleted(Json.id(t.id()), Json.id(t.parentId()), t.channel().type(),
                            Json.id(caller.userId()), now.toEpochMilli())));
            return new Deleted(t, viewers);
        });
        outbox.committed();
        LOG.debug("event=thread_deleted thread_id={} guild_id={}", d.thread().id(), d.thread().guildId());
        dispatches.deleted(d.thread(), d.privateViewers());
        return ThreadViews.thread(d.thread());
    }

    /** The guild members who can view a (private) thread. */
    private List<Long> viewers(Connection c, Guild guild, GuildThread t) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (Member m : GuildStore.members(c, guild.id(), GuildService.GATEWAY_MEMBER_LIMIT)) {
            if (access.canView(c, t.id(), m.user().id())) {
                out.add(m.user().id());
            }
        }
        return out;
    }

    // ---- auto-archive

    /** Archives the threads inactive for longer than their auto_archive_duration; THREAD_UPDATE for each. */
    public int archiveInactive(Instant now) {
        List<GuildThread> archived = db.inTransaction(c -> {
            List<GuildThread> out = new ArrayList<>();
            for (long id : ThreadStore.archiveInactive(c, now)) {
                GuildThread t = ThreadStore.find(c, id);
                outbox.append(c, updatedEvent(t, null, now));
                out.add(t);
            }
            return out;
        });
        if (!archived.isEmpty()) {
            outbox.committed();
            LOG.info("event=threads_auto_archived count={}", archived.size());
            archived.forEach(t -> ThreadDispatches.updated(bus, t));
        }
        return archived.size();
    }

    private EventEnvelope updatedEvent(GuildThread t, String actorId, Instant now) {
        return updatedEvent(ids, source, t, actorId, now);
    }

    /** The {@code thread.updated} event of a thread's current state. */
    static EventEnvelope updatedEvent(Snowflakes ids, String source, GuildThread t, String actorId, Instant now) {
        return EventCodec.wrap(ids, source, Json.id(t.guildId()), now.toEpochMilli(),
                new ThreadUpdated(Json.id(t.id()), Json.id(t.parentId()), t.channel().name(), t.meta().archived(),
                        t.meta().locked(), t.meta().autoArchiveDuration(), actorId, now.toEpochMilli()));
    }

    // ---- helpers

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Boolean optionalBoolean(JsonNode body, String field, InvalidFormBody.Builder errors) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        return Validation.optionalBoolean(body, field, false, errors);
    }

    /** Discord's boolean query strings: true/false, 1/0, yes/no... anything else is false. */
    private static boolean booleanQuery(String raw) {
        return raw != null && Set.of("true", "1", "yes", "y", "on").contains(raw.toLowerCase(java.util.Locale.ROOT));
    }

    private static long snowflakeQuery(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
            return 0;
        }
    }

    private static int limitQuery(String raw, int fallback, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < 1 || v > 100) {
                errors.add("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add("limit", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
            return fallback;
        }
    }

    private static Instant timestampQuery(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name, "DATE_TYPE_PARSE", "Could not parse " + raw + ". Should be ISO8601.");
            return null;
        }
    }
}

package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.Slowmode;
import dev.guildhall.core.channels.ThreadChannels;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.ThreadAlreadyCreated;
import dev.guildhall.core.errors.ThreadArchived;
import dev.guildhall.core.errors.ThreadLocked;
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
import dev.guildhall.events.payload.ThreadUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads as Discord's topics/threads describes them: starting (from a message or not), viewing, modifying,
 * deleting and auto-archiving (membership: {@link ThreadMembership}; listings: {@link ThreadListings}). Every
 * change writes its {@code thread.*} event through the outbox in the same transaction and dispatches THREAD_*
 * after the commit.
 */
public final class ThreadService implements ThreadChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadService.class);
    static final int DEFAULT_AUTO_ARCHIVE_DURATION = 1440;
    static final int MAX_RATE_LIMIT_PER_USER = 21600;

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
        int duration = ThreadParams.autoArchiveDuration(body, DEFAULT_AUTO_ARCHIVE_DURATION, errors);
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

    private record Started(GuildThread thread, ThreadMember owner, Message starter) {
    }

    /**
     * {@code POST /channels/{id}/messages/{message_id}/threads}: CREATE_PUBLIC_THREADS; a public thread (announcement
     * thread in an announcement channel) whose id is the message's; 160004 when the message already has one.
     * THREAD_CREATE and MESSAGE_UPDATE of the starter message (with its {@code thread}).
     */
    public ObjectNode startFromMessage(Principal caller, long channelId, long messageId, JsonNode body) {
        NewThread req = parseNew(body, false);
        Instant now = ThreadParams.now();
        Started s = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.CREATE_PUBLIC_THREADS);
            ThreadLookup.requireParent(grant.channel());
            Message m = MessageStore.find(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (ThreadStore.find(c, messageId) != null) {
                throw new ThreadAlreadyCreated();
            }
            Slowmode.claim(c, grant, caller, Slowmode.Action.THREAD, now);
            int type = grant.channel().type() == Channel.GUILD_ANNOUNCEMENT ? Channel.ANNOUNCEMENT_THREAD
                    : Channel.PUBLIC_THREAD;
            Started started = insert(c, caller, grant.channel(), messageId, type, req, now);
            return new Started(started.thread(), started.owner(), MessageStore.withReference(c, m));
        });
        announceCreated(s);
        ObjectNode update = ThreadViews.starter(MessageViews.message(s.starter(), null), s.thread());
        update.put("channel_type", s.thread().channel().type() == Channel.ANNOUNCEMENT_THREAD
                ? Channel.GUILD_ANNOUNCEMENT : Channel.GUILD_TEXT);
        bus.publish(s.thread().guildId(), new Dispatch("MESSAGE_UPDATE", update, Intents.GUILD_MESSAGES, true,
                s.starter().author().id(), channelId));
        return created(s);
    }

    /**
     * {@code POST /channels/{id}/threads} without a message: type 11 needs CREATE_PUBLIC_THREADS, type 12 (the
     * default) CREATE_PRIVATE_THREADS and a text channel; type 10 only in announcement channels.
     */
    public ObjectNode startWithoutMessage(Principal caller, long channelId, JsonNode body) {
        NewThread req = parseNew(body, true);
        Instant now = ThreadParams.now();
        long threadId = ids.next();
        Started s = db.inTransaction(c -> {
            long needed = req.type() == Channel.PRIVATE_THREAD ? Permissions.CREATE_PRIVATE_THREADS
                    : Permissions.CREATE_PUBLIC_THREADS;
            ChannelGrant grant = access.require(c, channelId, caller.userId(), needed);
            ThreadLookup.requireParent(grant.channel());
            boolean announcement = grant.channel().type() == Channel.GUILD_ANNOUNCEMENT;
            if (req.type() == Channel.PRIVATE_THREAD && announcement
                    || req.type() == Channel.ANNOUNCEMENT_THREAD && !announcement
                    || req.type() == Channel.PUBLIC_THREAD && announcement) {
                throw new WrongChannelType();
            }
            Slowmode.claim(c, grant, caller, Slowmode.Action.THREAD, now);
            return insert(c, caller, grant.channel(), threadId, req.type(), req, now);
        });
        announceCreated(s);
        return created(s);
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

    /**
     * The answer to a thread creation: the thread with its creator's member object and {@code newly_created}, as
     * THREAD_CREATE carries it — clients such as discord.js feed the REST answer and the gateway event into the same
     * handler, so whichever arrives first decides what they report.
     */
    private static ObjectNode created(Started s) {
        ObjectNode thread = ThreadViews.thread(s.thread(), s.owner());
        thread.put("newly_created", true);
        return thread;
    }

    private void announceCreated(Started s) {
        outbox.committed();
        LOG.debug("event=thread_created thread_id={} guild_id={} type={}", s.thread().id(), s.thread().guildId(),
                s.thread().channel().type());
        dispatches.created(s.thread());
        dispatches.memberUpdated(s.thread().guildId(), s.owner());
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
        Boolean archived = ThreadParams.optionalBoolean(body, "archived", errors);
        Boolean locked = ThreadParams.optionalBoolean(body, "locked", errors);
        Boolean invitable = ThreadParams.optionalBoolean(body, "invitable", errors);
        Integer duration = body.hasNonNull("auto_archive_duration")
                ? ThreadParams.autoArchiveDuration(body, 0, errors) : null;
        Integer slowmode = Validation.optionalInt(body, "rate_limit_per_user", 0, MAX_RATE_LIMIT_PER_USER, null,
                errors);
        errors.throwIfAny();
        Instant now = ThreadParams.now();
        Modified mod = db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, thread.id(), caller.userId(),
                    0);
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
        Instant now = ThreadParams.now();
        Deleted d = db.inTransaction(c -> {
            ThreadLookup.VisibleThread seen = ThreadLookup.requireForUpdate(c, access, thread.id(), caller.userId(),
                    Permissions.MANAGE_THREADS);
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

    @Override
    public Runnable deleteThreadsOf(Connection c, Channel parent, long actorId, Instant at) throws SQLException {
        List<GuildThread> threads = ThreadStore.ofParent(c, parent.id());
        if (threads.isEmpty()) {
            return () -> { };
        }
        Guild guild = GuildStore.find(c, parent.guildId());
        List<Deleted> deleted = new ArrayList<>();
        for (GuildThread t : threads) {
            List<Long> viewers = t.isPrivate() ? viewers(c, guild, t) : List.of();
            ThreadStore.delete(c, t.id());
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(t.guildId()), at.toEpochMilli(),
                    new ThreadDeleted(Json.id(t.id()), Json.id(t.parentId()), t.channel().type(), Json.id(actorId),
                            at.toEpochMilli())));
            deleted.add(new Deleted(t, viewers));
        }
        return () -> deleted.forEach(d -> dispatches.deleted(d.thread(), d.privateViewers()));
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

}

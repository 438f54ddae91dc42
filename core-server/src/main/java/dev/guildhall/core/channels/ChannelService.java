package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MaxGuildChannels;
import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.OneParentChangeAtATime;
import dev.guildhall.core.errors.UnknownChannel;
import dev.guildhall.core.errors.UnknownMember;
import dev.guildhall.core.errors.UnknownOverwrite;
import dev.guildhall.core.errors.UnknownRole;
import dev.guildhall.core.errors.WrongChannelType;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.PermissionOverwrite;
import dev.guildhall.core.permissions.PermissionOverwriteStore;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.voice.VoiceRegions;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.ChannelCreated;
import dev.guildhall.events.payload.ChannelDeleted;
import dev.guildhall.events.payload.ChannelUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Guild channel CRUD, positions and permission overwrites. Each change and its {@code channel.*} outbox event
 * (topic guildhall.guilds) are written in one transaction; CHANNEL_CREATE/UPDATE/DELETE (GUILDS intent) go out after
 * the commit. Changing a category's overwrites also changes its synced children (Discord's permission syncing), and
 * a channel created under a category without overwrites copies the category's.
 */
public final class ChannelService {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);
    public static final int MAX_GUILD_CHANNELS = 500;

    private final Database db;
    private final Snowflakes ids;
    private final PermissionCalculator permissions;
    private final ChannelAccess access;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final String source;
    private final ThreadChannels threads;
    private final VoiceRegions regions;
    private volatile Consumer<Channel> rtcRegionChanged = ch -> { };

    /**
     * {@code threads} handles PATCH/DELETE of threads; null → those answer 50024. {@code regions}: what a voice
     * channel's {@code rtc_region} may be.
     */
    public ChannelService(Database db, Snowflakes ids, PermissionCalculator permissions, ChannelAccess access,
                          OutboxWriter outbox, GuildEventBus bus, String source, ThreadChannels threads,
                          VoiceRegions regions) {
        this.db = db;
        this.ids = ids;
        this.permissions = permissions;
        this.access = access;
        this.outbox = outbox;
        this.bus = bus;
        this.source = source;
        this.threads = threads;
        this.regions = regions;
    }

    /** Told (after CHANNEL_UPDATE) of a voice channel whose {@code rtc_region} changed: its members move. */
    public void onRtcRegionChange(Consumer<Channel> listener) {
        this.rtcRegionChanged = listener;
    }

    /** A committed channel change to dispatch. */
    private record Change(Channel channel, ObjectNode view) {
    }

    /** {@code GET /channels/{id}}: any channel the caller can view, with its overwrites. */
    public ObjectNode get(Principal caller, long channelId) {
        Channel ch = db.read(c -> access.require(c, channelId, caller.userId(), 0).channel());
        return ch.isThread() && threads != null ? threads.view(caller, ch) : db.read(c -> view(c, ch));
    }

    /** {@code POST /guilds/{guild.id}/channels}. */
    public ObjectNode create(Principal caller, long guildId, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        ChannelForm form = ChannelForm.parse(body, true, errors);
        int type = form.type() == null ? Channel.GUILD_TEXT : form.type();
        form.checkLimits(type, regions, errors);
        errors.throwIfAny();
        long channelId = ids.next();
        Instant now = Instant.now();
        Change created = db.inTransaction(c -> {
            Guild g = GuildService.requireMember(c, guildId, caller.userId());
            long guildPerms = permissions.guildPermissions(c, guildId, g.ownerId(), caller.userId());
            Channel parent = form.parentId() == null ? null : requireCategory(c, guildId, form.parentId(), type,
                    "parent_id");
            long scope = parent == null ? guildPerms
                    : permissions.channelPermissions(c, guildId, g.ownerId(), parent.id(), caller.userId());
            if (!Permissions.has(scope, Permissions.MANAGE_CHANNELS)) {
                throw new MissingPermissions();
            }
            List<PermissionOverwrite> overwrites;
            if (form.overwrites() != null) {
                // Discord: only permissions the caller has in the guild; MANAGE_ROLES only for administrators
                long bits = form.overwriteBits();
                if (!Permissions.has(guildPerms, Permissions.ADMINISTRATOR)
                        && ((bits & ~guildPerms) != 0 || (bits & Permissions.MANAGE_ROLES) != 0)) {
                    throw new MissingPermissions();
                }
                overwrites = distinct(form.overwrites());
            } else {
                overwrites = parent == null ? List.of() : PermissionOverwriteStore.ofChannel(c, parent.id());
            }
            if (ChannelStore.countInGuild(c, guildId) >= MAX_GUILD_CHANNELS) {
                throw new MaxGuildChannels();
            }
            int position = form.position() != null ? form.position()
                    : ChannelStore.nextPosition(c, guildId, sortGroup(type));
            boolean text = type == Channel.GUILD_TEXT || type == Channel.GUILD_ANNOUNCEMENT;
            boolean voice = type == Channel.GUILD_VOICE || type == Channel.GUILD_STAGE_VOICE;
            Channel ch = new Channel(channelId, guildId, type, form.name(), position, text ? form.topic() : null,
                    voice ? Objects.requireNonNullElse(form.bitrate(), Channel.DEFAULT_BITRATE) : null,
                    voice ? Objects.requireNonNullElse(form.userLimit(), 0) : null, null,
                    parent == null ? null : parent.id(), Boolean.TRUE.equals(form.nsfw()),
                    text ? Objects.requireNonNullElse(form.rateLimitPerUser(), 0) : 0,
                    voice ? form.rtcRegion() : null);
            ChannelStore.insert(c, ch);
            PermissionOverwriteStore.replace(c, channelId, overwrites);
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(guildId), now.toEpochMilli(),
                    new ChannelCreated(Json.id(channelId), type, ch.name(), idOrNull(ch.parentId()), position,
                            Json.id(caller.userId()), now.toEpochMilli())));
            return new Change(ch, ChannelViews.channel(ch, PermissionOverwriteStore.ofChannel(c, channelId)));
        });
        outbox.committed();
        LOG.info("event=channel_created guild_id={} channel_id={} type={}", guildId, channelId, type);
        bus.publish(guildId, Dispatch.inChannel("CHANNEL_CREATE", created.view(), Intents.GUILDS, channelId));
        return created.view();
    }

    /** {@code PATCH /channels/{id}}: MANAGE_CHANNELS; overwrites also need MANAGE_ROLES; threads go to ThreadChannels. */
    public ObjectNode modify(Principal caller, long channelId, JsonNode body) {
        Channel target = db.read(c -> ChannelStore.find(c, channelId));
        if (target != null && target.isThread()) {
            if (threads == null) {
                throw new WrongChannelType();
            }
            return threads.modify(caller, target, body);
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        ChannelForm form = ChannelForm.parse(body, false, errors);
        errors.throwIfAny();
        Instant now = Instant.now();
        record Modified(ObjectNode view, List<Change> changes) {
        }
        Modified modified = permissionChange(target, () -> db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.MANAGE_CHANNELS);
            Channel ch = ChannelStore.findForUpdate(c, channelId);
            long guildId = ch.guildId();
            InvalidFormBody.Builder late = InvalidFormBody.builder();
            int type = ch.type();
            if (form.type() != null && form.type() != ch.type()) {
                boolean textual = (ch.type() == Channel.GUILD_TEXT || ch.type() == Channel.GUILD_ANNOUNCEMENT)
                        && (form.type() == Channel.GUILD_TEXT || form.type() == Channel.GUILD_ANNOUNCEMENT);
                if (textual) {
                    type = form.type();
                } else {
                    late.add("type", "BASE_TYPE_CHOICES", "Value must be one of (" + Channel.GUILD_TEXT + ", "
                            + Channel.GUILD_ANNOUNCEMENT + ").");
                }
            }
            form.checkLimits(type, regions, late);
            Long parentId = ch.parentId();
            if (form.hasParent() && !Objects.equals(form.parentId(), ch.parentId())) {
                if (form.parentId() != null) {
                    Channel parent = requireCategoryOrNull(c, guildId, form.parentId(), ch.type());
                    if (parent == null) {
                        late.add("parent_id", "CHANNEL_PARENT_INVALID_TYPE", "Not a category");
                    } else if (!Permissions.has(permissions.channelPermissions(c, guildId, grant.guild().ownerId(),
                            parent.id(), caller.userId()), Permissions.MANAGE_CHANNELS)) {
                        throw new MissingPermissions();
                    }
                }
                parentId = form.parentId();
            }
            late.throwIfAny();
            List<PermissionOverwrite> before = PermissionOverwriteStore.ofChannel(c, channelId);
            List<PermissionOverwrite> after = before;
            if (form.overwrites() != null) {
                requireOverwriteGrant(c, grant, form.overwriteBits(), caller.userId());
                after = distinct(form.overwrites());
            }
            boolean text = type == Channel.GUILD_TEXT || type == Channel.GUILD_ANNOUNCEMENT;
            boolean voice = ch.isVoice();
            Channel updated = new Channel(ch.id(), guildId, type, or(form.name(), ch.name()),
                    or(form.position(), ch.position()), text && form.hasTopic() ? form.topic() : ch.topic(),
                    voice ? or(form.bitrate(), ch.bitrate()) : ch.bitrate(),
                    voice ? or(form.userLimit(), ch.userLimit()) : ch.userLimit(), ch.lastMessageId(), parentId,
                    or(form.nsfw(), ch.nsfw()), text ? or(form.rateLimitPerUser(), ch.rateLimitPerUser())
                    : ch.rateLimitPerUser(), voice && form.hasRtcRegion() ? form.rtcRegion() : ch.rtcRegion());
            List<String> changed = changedFields(ch, updated);
            if (!sameOverwrites(before, after)) {
                changed.add("permission_overwrites");
            }
            List<Change> out = new ArrayList<>();
            if (changed.isEmpty()) {
                return new Modified(ChannelViews.channel(ch, before), out);
            }
            ChannelStore.update(c, updated);
            if (changed.contains("permission_overwrites")) {
                PermissionOverwriteStore.replace(c, channelId, after);
            }
            out.add(recordUpdate(c, updated, changed, caller.userId(), now));
            if (changed.contains("permission_overwrites")) {
                out.addAll(syncChildren(c, updated, before, after, caller.userId(), now));
            }
            return new Modified(out.get(0).view(), out);
        }));
        publishUpdates(modified.changes());
        Channel first = modified.changes().isEmpty() ? null : modified.changes().get(0).channel();
        if (first != null && first.isVoice() && !Objects.equals(first.rtcRegion(), target.rtcRegion())) {
            rtcRegionChanged.accept(first);
        }
        return modified.view();
    }

    /**
     * {@code DELETE /channels/{id}}: MANAGE_CHANNELS; a category's children are moved out of it; the channel's threads
     * are deleted with it (THREAD_DELETE and {@code thread.deleted} for each).
     */
    public ObjectNode delete(Principal caller, long channelId) {
        Channel target = db.read(c -> ChannelStore.find(c, channelId));
        if (target != null && target.isThread()) {
            if (threads == null) {
                throw new WrongChannelType();
            }
            return threads.delete(caller, target);
        }
        Instant now = Instant.now();
        record Deleted(Channel channel, ObjectNode view, List<Change> orphans, Runnable threadDeletes) {
        }
        Deleted deleted = permissionChange(target, () -> db.inTransaction(c -> {
            access.require(c, channelId, caller.userId(), Permissions.MANAGE_CHANNELS);
            Channel ch = ChannelStore.findForUpdate(c, channelId);
            ObjectNode view = view(c, ch);
            List<Change> orphans = new ArrayList<>();
            if (ch.type() == Channel.GUILD_CATEGORY) {
                for (Channel child : ChannelStore.children(c, channelId)) {
                    Channel moved = new Channel(child.id(), child.guildId(), child.type(), child.name(),
                            child.position(), child.topic(), child.bitrate(), child.userLimit(),
                            child.lastMessageId(), null, child.nsfw(), child.rateLimitPerUser(), child.rtcRegion());
                    ChannelStore.update(c, moved);
                    orphans.add(recordUpdate(c, moved, List.of("parent_id"), caller.userId(), now));
                }
            }
            Runnable threadDeletes = threads == null ? () -> { }
                    : threads.deleteThreadsOf(c, ch, caller.userId(), now);
            ChannelStore.delete(c, channelId);
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(ch.guildId()), now.toEpochMilli(),
                    new ChannelDeleted(Json.id(channelId), ch.type(), ch.name(), idOrNull(ch.parentId()),
                            Json.id(caller.userId()), now.toEpochMilli())));
            return new Deleted(ch, view, orphans, threadDeletes);
        }));
        outbox.committed();
        LOG.info("event=channel_deleted guild_id={} channel_id={}", deleted.channel().guildId(), channelId);
        // its threads went with it: THREAD_DELETE each, then CHANNEL_DELETE
        deleted.threadDeletes().run();
        // no VIEW_CHANNEL gate: a deleted channel has no viewers left to compute (docs/decisions.md)
        bus.publish(deleted.channel().guildId(), Dispatch.guildWide("CHANNEL_DELETE", deleted.view(),
                Intents.GUILDS));
        publishUpdates(deleted.orphans());
        return deleted.view();
    }

    /** One entry of {@code PATCH /guilds/{guild.id}/channels}. */
    private record PositionEntry(long id, Integer position, boolean hasParent, Long parentId, boolean lock) {
    }

    /** {@code PATCH /guilds/{guild.id}/channels}: positions, and at most one parent change (with lock_permissions). */
    public void reorder(Principal caller, long guildId, JsonNode body) {
        List<PositionEntry> entries = parsePositions(body);
        Instant now = Instant.now();
        List<Change> changes = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            Guild g = GuildService.requireMember(c, guildId, caller.userId());
            long guildPerms = permissions.guildPermissions(c, guildId, g.ownerId(), caller.userId());
            Map<Long, Channel> channels = new LinkedHashMap<>();
            for (PositionEntry e : entries) {
                Channel ch = ChannelStore.findForUpdate(c, e.id());
                if (ch == null || ch.guildId() != guildId || ch.isThread()) {
                    throw new UnknownChannel();
                }
                channels.put(e.id(), ch);
            }
            long parentChanges = entries.stream()
                    .filter(e -> e.hasParent() && !Objects.equals(e.parentId(), channels.get(e.id()).parentId()))
                    .count();
            if (parentChanges > 1) {
                throw new OneParentChangeAtATime();
            }
            List<Change> out = new ArrayList<>();
            for (PositionEntry e : entries) {
                Channel ch = channels.get(e.id());
                boolean moves = e.hasParent() && !Objects.equals(e.parentId(), ch.parentId());
                long here = ch.parentId() == null ? guildPerms
                        : permissions.channelPermissions(c, guildId, g.ownerId(), ch.parentId(), caller.userId());
                List<PermissionOverwrite> before = PermissionOverwriteStore.ofChannel(c, ch.id());
                List<PermissionOverwrite> after = before;
                if (moves) {
                    long own = permissions.channelPermissions(c, guildId, g.ownerId(), ch.id(), caller.userId());
                    if (!Permissions.has(own, Permissions.VIEW_CHANNEL)) {
                        throw new MissingAccess();
                    }
                    Channel parent = null;
                    if (e.parentId() != null) {
                        parent = requireCategoryOrNull(c, guildId, e.parentId(), ch.type());
                        if (parent == null) {
                            throw InvalidFormBody.of(entries.indexOf(e) + ".parent_id",
                                    "CHANNEL_PARENT_INVALID_TYPE", "Not a category");
                        }
                    }
                    long destination = parent == null ? guildPerms
                            : permissions.channelPermissions(c, guildId, g.ownerId(), parent.id(), caller.userId());
                    if (!Permissions.has(own, Permissions.MANAGE_CHANNELS)
                            || !Permissions.has(destination, Permissions.MANAGE_CHANNELS)
                            || (e.lock() && !Permissions.has(own, Permissions.MANAGE_ROLES))) {
                        throw new MissingPermissions();
                    }
                    if (e.lock() && parent != null) {
                        after = PermissionOverwriteStore.ofChannel(c, parent.id());
                    }
                } else if (!Permissions.has(here, Permissions.MANAGE_CHANNELS)) {
                    throw new MissingPermissions();
                }
                Channel updated = new Channel(ch.id(), guildId, ch.type(), ch.name(),
                        e.position() == null ? ch.position() : e.position(), ch.topic(), ch.bitrate(),
                        ch.userLimit(), ch.lastMessageId(), moves ? e.parentId() : ch.parentId(), ch.nsfw(),
                        ch.rateLimitPerUser(), ch.rtcRegion());
                List<String> changed = changedFields(ch, updated);
                if (!sameOverwrites(before, after)) {
                    changed.add("permission_overwrites");
                    PermissionOverwriteStore.replace(c, ch.id(), after);
                }
                if (!changed.isEmpty()) {
                    ChannelStore.update(c, updated);
                    out.add(recordUpdate(c, updated, changed, caller.userId(), now));
                }
            }
            return out;
        }));
        publishUpdates(changes);
    }

    /** {@code PUT /channels/{id}/permissions/{overwrite_id}}: MANAGE_ROLES; 204. */
    public void putOverwrite(Principal caller, long channelId, long targetId, JsonNode body) {
        Channel target = db.read(c -> ChannelStore.find(c, channelId));
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        Integer type = ChannelForm.overwriteType(body.get("type"), "type", errors);
        long allow = ChannelForm.permissionBits(body.get("allow"), "allow", errors);
        long deny = ChannelForm.permissionBits(body.get("deny"), "deny", errors);
        errors.throwIfAny();
        PermissionOverwrite overwrite = new PermissionOverwrite(targetId, type, allow, deny);
        Instant now = Instant.now();
        List<Change> changes = permissionChange(target, () -> db.inTransaction(c -> {
            ChannelGrant grant = overwriteAccess(c, channelId, caller.userId());
            if (type == PermissionOverwrite.ROLE ? !roleExists(c, grant.guild().id(), targetId)
                    : !GuildStore.isMember(c, grant.guild().id(), targetId)) {
                if (type == PermissionOverwrite.ROLE) {
                    throw new UnknownRole();
                }
                throw new UnknownMember();
            }
            requireOverwriteGrant(c, grant, allow | deny, caller.userId());
            List<PermissionOverwrite> before = PermissionOverwriteStore.ofChannel(c, channelId);
            PermissionOverwriteStore.put(c, channelId, overwrite);
            return overwritesChanged(c, grant.channel(), before, caller.userId(), now);
        }));
        publishUpdates(changes);
    }

    /** {@code DELETE /channels/{id}/permissions/{overwrite_id}}: MANAGE_ROLES; 204; 10009 when there is none. */
    public void deleteOverwrite(Principal caller, long channelId, long targetId) {
        Channel target = db.read(c -> ChannelStore.find(c, channelId));
        Instant now = Instant.now();
        List<Change> changes = permissionChange(target, () -> db.inTransaction(c -> {
            ChannelGrant grant = overwriteAccess(c, channelId, caller.userId());
            List<PermissionOverwrite> before = PermissionOverwriteStore.ofChannel(c, channelId);
            if (!PermissionOverwriteStore.delete(c, channelId, targetId)) {
                throw new UnknownOverwrite();
            }
            return overwritesChanged(c, grant.channel(), before, caller.userId(), now);
        }));
        publishUpdates(changes);
    }

    /**
     * Runs a transaction that changes who may view channels as a permission change of the channel's guild (see
     * {@link GuildEventBus#permissionChange}); a channel never changes guild, so it is read before. An unknown channel
     * (the transaction answers 10003) needs none.
     */
    private <T> T permissionChange(Channel target, Supplier<T> transaction) {
        return target == null ? transaction.get() : bus.permissionChange(target.guildId(), transaction);
    }

    private ChannelGrant overwriteAccess(Connection c, long channelId, long userId) throws SQLException {
        ChannelGrant grant = access.require(c, channelId, userId, Permissions.MANAGE_ROLES);
        if (grant.channel().isThread()) {
            throw new WrongChannelType();
        }
        return grant;
    }

    private List<Change> overwritesChanged(Connection c, Channel ch, List<PermissionOverwrite> before, long actor,
                                           Instant now) throws SQLException {
        List<PermissionOverwrite> after = PermissionOverwriteStore.ofChannel(c, ch.id());
        List<Change> out = new ArrayList<>();
        if (sameOverwrites(before, after)) {
            return out;
        }
        out.add(recordUpdate(c, ch, new ArrayList<>(List.of("permission_overwrites")), actor, now));
        out.addAll(syncChildren(c, ch, before, after, actor, now));
        return out;
    }

    /**
     * Discord's overwrite rule: only permissions the caller has in the guild or the parent category can be allowed
     * or denied, unless the caller is an administrator or has MANAGE_ROLES in the channel through an overwrite.
     */
    private void requireOverwriteGrant(Connection c, ChannelGrant grant, long bits, long userId) throws SQLException {
        if (!Permissions.has(grant.permissions(), Permissions.MANAGE_ROLES)) {
            throw new MissingPermissions();
        }
        Guild g = grant.guild();
        long guildPerms = permissions.guildPermissions(c, g.id(), g.ownerId(), userId);
        if (Permissions.has(guildPerms, Permissions.ADMINISTRATOR)
                || !Permissions.has(guildPerms, Permissions.MANAGE_ROLES)) {
            return; // administrator, or MANAGE_ROLES held only through an overwrite in the channel
        }
        long allowed = guildPerms;
        if (grant.channel().parentId() != null) {
            allowed |= permissions.channelPermissions(c, g.id(), g.ownerId(), grant.channel().parentId(), userId);
        }
        if ((bits & ~allowed) != 0) {
            throw new MissingPermissions();
        }
    }

    /** Children of a category still synced to its old overwrites take the new ones. */
    private List<Change> syncChildren(Connection c, Channel category, List<PermissionOverwrite> before,
                                      List<PermissionOverwrite> after, long actor, Instant now) throws SQLException {
        List<Change> out = new ArrayList<>();
        if (category.type() != Channel.GUILD_CATEGORY) {
            return out;
        }
        for (Channel child : ChannelStore.children(c, category.id())) {
            if (sameOverwrites(PermissionOverwriteStore.ofChannel(c, child.id()), before)) {
                PermissionOverwriteStore.replace(c, child.id(), after);
                out.add(recordUpdate(c, child, new ArrayList<>(List.of("permission_overwrites")), actor, now));
            }
        }
        return out;
    }

    private Change recordUpdate(Connection c, Channel ch, List<String> changed, long actor, Instant now)
            throws SQLException {
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(ch.guildId()), now.toEpochMilli(),
                new ChannelUpdated(Json.id(ch.id()), ch.type(), ch.name(), idOrNull(ch.parentId()), ch.position(),
                        List.copyOf(changed), Json.id(actor), now.toEpochMilli())));
        return new Change(ch, view(c, ch));
    }

    private void publishUpdates(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        outbox.committed();
        for (Change change : changes) {
            bus.publish(change.channel().guildId(), Dispatch.inChannel("CHANNEL_UPDATE", change.view(),
                    Intents.GUILDS, change.channel().id()));
        }
    }

    private static ObjectNode view(Connection c, Channel ch) throws SQLException {
        return ChannelViews.channel(ch, PermissionOverwriteStore.ofChannel(c, ch.id()));
    }

    private static List<String> changedFields(Channel a, Channel b) {
        List<String> changed = new ArrayList<>();
        add(changed, "name", a.name(), b.name());
        add(changed, "type", a.type(), b.type());
        add(changed, "position", a.position(), b.position());
        add(changed, "topic", a.topic(), b.topic());
        add(changed, "bitrate", a.bitrate(), b.bitrate());
        add(changed, "user_limit", a.userLimit(), b.userLimit());
        add(changed, "parent_id", a.parentId(), b.parentId());
        add(changed, "nsfw", a.nsfw(), b.nsfw());
        add(changed, "rate_limit_per_user", a.rateLimitPerUser(), b.rateLimitPerUser());
        add(changed, "rtc_region", a.rtcRegion(), b.rtcRegion());
        return changed;
    }

    private static void add(List<String> changed, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changed.add(field);
        }
    }

    private static boolean sameOverwrites(List<PermissionOverwrite> a, List<PermissionOverwrite> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    /** One overwrite per target (the last one given wins), in target id order. */
    private static List<PermissionOverwrite> distinct(List<PermissionOverwrite> overwrites) {
        Map<Long, PermissionOverwrite> byId = new LinkedHashMap<>();
        overwrites.forEach(o -> byId.put(o.id(), o));
        return byId.values().stream().sorted(Comparator.comparingLong(PermissionOverwrite::id)).toList();
    }

    /** A category of the guild that a channel of {@code childType} may be put in; 50035 otherwise. */
    private static Channel requireCategory(Connection c, long guildId, long parentId, int childType, String field)
            throws SQLException {
        Channel parent = requireCategoryOrNull(c, guildId, parentId, childType);
        if (parent == null) {
            throw InvalidFormBody.of(field, "CHANNEL_PARENT_INVALID_TYPE", "Not a category");
        }
        return parent;
    }

    private static Channel requireCategoryOrNull(Connection c, long guildId, long parentId, int childType)
            throws SQLException {
        Channel parent = ChannelStore.find(c, parentId);
        if (parent == null || parent.guildId() != guildId || parent.type() != Channel.GUILD_CATEGORY
                || childType == Channel.GUILD_CATEGORY) {
            return null;
        }
        return parent;
    }

    private static boolean roleExists(Connection c, long guildId, long roleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM roles WHERE id = ? AND guild_id = ?")) {
            ps.setLong(1, roleId);
            ps.setLong(2, guildId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Channels sort within their group: text-like, voice-like, categories. */
    private static int[] sortGroup(int type) {
        return switch (type) {
            case Channel.GUILD_VOICE, Channel.GUILD_STAGE_VOICE -> new int[]{Channel.GUILD_VOICE,
                    Channel.GUILD_STAGE_VOICE};
            case Channel.GUILD_CATEGORY -> new int[]{Channel.GUILD_CATEGORY};
            default -> new int[]{Channel.GUILD_TEXT, Channel.GUILD_ANNOUNCEMENT};
        };
    }

    private static List<PositionEntry> parsePositions(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw InvalidFormBody.of("", "BASE_TYPE_ARRAY", "Must be an array.");
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        List<PositionEntry> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode e = body.get(i);
            if (!e.isObject()) {
                errors.add(Integer.toString(i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            Long id = ChannelForm.snowflake(e.get("id"), i + ".id", errors);
            if (!e.hasNonNull("id")) {
                errors.add(i + ".id", "BASE_TYPE_REQUIRED", "This field is required");
            }
            Integer position = null;
            JsonNode p = e.get("position");
            if (p != null && !p.isNull()) {
                if (p.isIntegralNumber() && p.canConvertToInt() && p.intValue() >= 0) {
                    position = p.intValue();
                } else {
                    errors.add(i + ".position", "NUMBER_TYPE_COERCE", "Value \"" + p.asText() + "\" is not int.");
                }
            }
            JsonNode lock = e.get("lock_permissions");
            if (lock != null && !lock.isNull() && !lock.isBoolean()) {
                errors.add(i + ".lock_permissions", "BASE_TYPE_BOOLEAN", "Must be either true or false.");
            }
            Long parentId = ChannelForm.snowflake(e.get("parent_id"), i + ".parent_id", errors);
            if (id != null) {
                out.add(new PositionEntry(id, position, e.has("parent_id"), parentId,
                        lock != null && lock.asBoolean(false)));
            }
        }
        errors.throwIfAny();
        return out;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String idOrNull(Long id) {
        return id == null ? null : Json.id(id);
    }
}

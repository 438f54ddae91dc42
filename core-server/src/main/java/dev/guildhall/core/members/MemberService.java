package dev.guildhall.core.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelForm;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidGuild;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.TargetNotConnectedToVoice;
import dev.guildhall.core.errors.UnknownGuild;
import dev.guildhall.core.errors.UnknownMember;
import dev.guildhall.core.errors.UnknownRole;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.guilds.Role;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.moderation.QueryParams;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.ModerationAction;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Guild members: list and search (members), modify nick / roles / timeout (MANAGE_NICKNAMES, MANAGE_ROLES,
 * MODERATE_MEMBERS with the role hierarchy), the caller's own nick (CHANGE_NICKNAME), kick (KICK_MEMBERS) and leave.
 * Voice moderation through the same PATCH: {@code mute}/{@code deaf} (MUTE_MEMBERS / DEAFEN_MEMBERS in the member's
 * voice channel; audit MEMBER_UPDATE), {@code channel_id} (MOVE_MEMBERS in the member's channel, and CONNECT and
 * MOVE_MEMBERS in the target; audit MEMBER_MOVE) and {@code channel_id: null} (MOVE_MEMBERS; MEMBER_DISCONNECT); all
 * three need the member connected to voice (40032). The voice state changes after the commit ({@link MemberVoice}).
 */
public final class MemberService {
    public static final int MAX_LIST = 1000;
    public static final int MAX_NICK = 32;
    /** Discord's longest timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(28);

    private final Database db;
    private final PermissionCalculator permissions;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final MemberRemoval removal;
    private final MemberVoice voice;

    public MemberService(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus,
                         MemberRemoval removal, MemberVoice voice) {
        this.db = db;
        this.permissions = permissions;
        this.recorder = recorder;
        this.bus = bus;
        this.removal = removal;
        this.voice = voice;
    }

    /** {@code GET /guilds/{id}/members?limit=1..1000&after=}: by user id, after the given one. */
    public ArrayNode list(Principal caller, long guildId, String limitParam, String afterParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIST, 1, errors);
        long after = QueryParams.snowflake("after", afterParam, errors);
        errors.throwIfAny();
        return db.read(c -> {
            GuildService.requireMember(c, guildId, caller.userId());
            return views(GuildStore.membersAfter(c, guildId, after, limit));
        });
    }

    /** {@code GET /guilds/{id}/members/search?query=&limit=}: username, global name or nick starting with query. */
    public ArrayNode search(Principal caller, long guildId, String query, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        if (query == null) {
            errors.add("query", "BASE_TYPE_REQUIRED", "This field is required");
        }
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIST, 1, errors);
        errors.throwIfAny();
        return db.read(c -> {
            GuildService.requireMember(c, guildId, caller.userId());
            return views(GuildStore.searchMembers(c, guildId, query, limit));
        });
    }

    private static ArrayNode views(List<Member> members) {
        ArrayNode out = Json.array();
        members.forEach(m -> out.add(GuildViews.member(m, true)));
        return out;
    }

    /**
     * A parsed modify body: each field present (possibly null) or absent; {@code mute}/{@code deaf} null when absent
     * or null; {@code channelId} null with {@code hasChannel} = disconnect.
     */
    private record Changes(boolean hasNick, String nick, List<Long> roles, boolean hasTimeout, Instant timeout,
                           Boolean mute, Boolean deaf, boolean hasChannel, Long channelId) {
        boolean voice() {
            return mute != null || deaf != null || hasChannel;
        }
    }

    private static Changes parse(JsonNode body, boolean allowRolesAndTimeout, Instant now) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        boolean hasNick = body.has("nick");
        String nick = Validation.optionalString(body, "nick", errors);
        if (nick != null) {
            nick = nick.strip();
            if (nick.isEmpty()) {
                nick = null;
            } else {
                Validation.length(nick, "nick", 1, MAX_NICK, errors);
            }
        }
        List<Long> roles = null;
        boolean hasTimeout = false;
        Instant timeout = null;
        if (allowRolesAndTimeout) {
            JsonNode r = body.get("roles");
            if (r != null && !r.isNull()) {
                if (!r.isArray()) {
                    errors.add("roles", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                } else {
                    roles = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        String raw = r.get(i).asText();
                        if (!raw.matches("\\d{1,20}")) {
                            errors.add("roles." + i, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
                        } else {
                            roles.add(Long.parseUnsignedLong(raw));
                        }
                    }
                }
            }
            hasTimeout = body.has("communication_disabled_until");
            JsonNode t = body.get("communication_disabled_until");
            if (t != null && !t.isNull()) {
                try {
                    timeout = OffsetDateTime.parse(t.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
                    if (timeout.isAfter(now.plus(MAX_TIMEOUT))) {
                        errors.add("communication_disabled_until", "COMMUNICATION_DISABLED_UNTIL_TOO_FAR",
                                "Timeouts can be at most 28 days in the future.");
                    } else if (!timeout.isAfter(now)) {
                        timeout = null; // a time in the past lifts the timeout
                    }
                } catch (DateTimeParseException e) {
                    errors.add("communication_disabled_until", "DATE_TYPE_PARSE",
                            "Could not parse " + t.asText() + ". Should be ISO8601.");
                }
            }
        }
        Boolean mute = null;
        Boolean deaf = null;
        boolean hasChannel = false;
        Long channelId = null;
        if (allowRolesAndTimeout) {
            mute = body.hasNonNull("mute") ? Validation.optionalBoolean(body, "mute", false, errors) : null;
            deaf = body.hasNonNull("deaf") ? Validation.optionalBoolean(body, "deaf", false, errors) : null;
            hasChannel = body.has("channel_id");
            channelId = ChannelForm.snowflake(body.get("channel_id"), "channel_id", errors);
        }
        errors.throwIfAny();
        return new Changes(hasNick, nick, roles, hasTimeout, timeout, mute, deaf, hasChannel, channelId);
    }

    /** {@code PATCH /guilds/{id}/members/{user_id}}. */
    public ObjectNode modify(Principal caller, long guildId, long userId, JsonNode body, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return apply(caller, guildId, userId, parse(body, true, now), reason, now, false);
    }

    /** {@code PATCH /guilds/{id}/members/@me}: the caller's own nick (CHANGE_NICKNAME). */
    public ObjectNode modifySelf(Principal caller, long guildId, JsonNode body, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return apply(caller, guildId, caller.userId(), parse(body, false, now), reason, now, true);
    }

    private ObjectNode apply(Principal caller, long guildId, long userId, Changes ch, String reason, Instant now,
                             boolean self) {
        record Result(Member member, boolean changed, Long moveTo) {
        }
        Result result = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId());
            if (!MemberStore.lock(c, guildId, userId)) {
                throw new UnknownMember();
            }
            Member old = GuildStore.member(c, guildId, userId);
            List<String> changed = new ArrayList<>();
            AuditChanges memberChanges = new AuditChanges();
            if (ch.hasNick() && !Objects.equals(ch.nick(), old.nick())) {
                if (self || userId == caller.userId()) {
                    if (!actor.has(Permissions.CHANGE_NICKNAME) && !actor.has(Permissions.MANAGE_NICKNAMES)) {
                        throw new MissingPermissions();
                    }
                } else {
                    actor.require(Permissions.MANAGE_NICKNAMES);
                    actor.requireAboveMember(c, userId);
                }
                MemberStore.setNick(c, guildId, userId, ch.nick());
                memberChanges.change("nick", old.nick(), ch.nick());
                changed.add("nick");
            }
            if (ch.roles() != null) {
                if (changeRoles(c, actor, old, new LinkedHashSet<>(ch.roles()), reason)) {
                    changed.add("roles");
                }
            }
            Instant oldTimeout = old.isTimedOut(now) ? old.communicationDisabledUntil() : null;
            if (ch.hasTimeout() && !Objects.equals(ch.timeout(), oldTimeout)) {
                actor.require(Permissions.MODERATE_MEMBERS);
                actor.requireAboveMember(c, userId);
                if (Permissions.has(permissions.guildPermissions(c, guildId, actor.guild().ownerId(), userId),
                        Permissions.ADMINISTRATOR)) {
                    throw new MissingPermissions();
                }
                MemberStore.setTimeout(c, guildId, userId, ch.timeout());
                memberChanges.change("communication_disabled_until",
                        oldTimeout == null ? null : Json.timestamp(oldTimeout),
                        ch.timeout() == null ? null : Json.timestamp(ch.timeout()));
                changed.add("communication_disabled_until");
                recorder.event(c, guildId, now, new ModerationAction(ch.timeout() == null
                        ? ModerationAction.TIMEOUT_REMOVED : ModerationAction.TIMEOUT, Json.id(caller.userId()),
                        Json.id(userId), reason, ch.timeout() == null ? null : ch.timeout().toEpochMilli(),
                        now.toEpochMilli()));
            }
            Long moveTo = null;
            if (ch.voice()) {
                moveTo = voiceChanges(c, actor, old, ch, memberChanges, changed, reason, now);
            }
            if (!memberChanges.isEmpty()) {
                recorder.audit(c, guildId, caller.userId(), AuditLogEvent.MEMBER_UPDATE, userId, memberChanges, null,
                        reason);
            }
            Member updated = GuildStore.member(c, guildId, userId);
            if (!changed.isEmpty()) {
                recorder.event(c, guildId, now, updatedEvent(updated, caller.userId(), changed, now));
            }
            return new Result(updated, !changed.isEmpty(), moveTo);
        }));
        if (result.changed()) {
            recorder.committed();
            dispatchUpdate(result.member());
        }
        if (result.moveTo() != null) {
            recorder.committed();
        }
        Member m = result.member();
        if (ch.mute() != null || ch.deaf() != null) {
            voice.serverFlags(guildId, userId, m.mute(), m.deaf());
        }
        if (result.moveTo() != null) {
            voice.move(guildId, userId, result.moveTo());
        }
        return GuildViews.member(m, true);
    }

    /**
     * The voice part of a modify (in its transaction): server mute/deaf (stored, MEMBER_UPDATE changes) and a move or
     * disconnect (MEMBER_MOVE / MEMBER_DISCONNECT); each a {@code moderation.action}. The member must be in a voice
     * channel (40032). Returns the channel to move the member to (0: disconnect), or null.
     */
    private Long voiceChanges(Connection c, GuildActor actor, Member old, Changes ch, AuditChanges memberChanges,
                              List<String> changed, String reason, Instant now) throws SQLException {
        long guildId = actor.guildId();
        long userId = old.user().id();
        Long current = voice.channelOf(guildId, userId);
        if (current == null) {
            throw new TargetNotConnectedToVoice();
        }
        long here = permissions.channelPermissions(c, guildId, actor.guild().ownerId(), current, actor.userId());
        boolean mute = ch.mute() == null ? old.mute() : ch.mute();
        boolean deaf = ch.deaf() == null ? old.deaf() : ch.deaf();
        if (mute != old.mute() && !Permissions.has(here, Permissions.MUTE_MEMBERS)
                || deaf != old.deaf() && !Permissions.has(here, Permissions.DEAFEN_MEMBERS)) {
            throw new MissingPermissions();
        }
        Long moveTo = null;
        if (ch.hasChannel() && !Objects.equals(ch.channelId(), current)) {
            if (!Permissions.has(here, Permissions.MOVE_MEMBERS)) {
                throw new MissingPermissions();
            }
            moveTo = ch.channelId() == null ? 0L : ch.channelId();
            if (moveTo != 0) {
                Channel target = ChannelStore.find(c, moveTo);
                if (target == null || target.guildId() != guildId || !target.isVoice()) {
                    throw InvalidFormBody.of("channel_id", "CHANNEL_TYPE_INVALID", "Not a voice channel");
                }
                long there = permissions.channelPermissions(c, guildId, actor.guild().ownerId(), moveTo,
                        actor.userId());
                if (!Permissions.has(there, Permissions.VIEW_CHANNEL | Permissions.CONNECT | Permissions.MOVE_MEMBERS)) {
                    throw new MissingPermissions();
                }
            }
        }
        if (mute != old.mute() || deaf != old.deaf()) {
            MemberStore.setVoiceFlags(c, guildId, userId, mute, deaf);
            if (mute != old.mute()) {
                memberChanges.change("mute", old.mute(), mute);
                changed.add("mute");
                moderation(c, actor, userId, mute ? ModerationAction.VOICE_MUTE : ModerationAction.VOICE_UNMUTE,
                        reason, now);
            }
            if (deaf != old.deaf()) {
                memberChanges.change("deaf", old.deaf(), deaf);
                changed.add("deaf");
                moderation(c, actor, userId, deaf ? ModerationAction.VOICE_DEAFEN : ModerationAction.VOICE_UNDEAFEN,
                        reason, now);
            }
        }
        if (moveTo != null) {
            ObjectNode options = Json.object();
            if (moveTo != 0) {
                options.put("channel_id", Json.id(moveTo));
            }
            options.put("count", "1");
            // Discord's entries of these two name no target (they count members), like MESSAGE_BULK_DELETE
            recorder.audit(c, guildId, actor.userId(), moveTo == 0 ? AuditLogEvent.MEMBER_DISCONNECT
                    : AuditLogEvent.MEMBER_MOVE, 0, null, options, reason);
            moderation(c, actor, userId, moveTo == 0 ? ModerationAction.VOICE_DISCONNECT
                    : ModerationAction.VOICE_MOVE, reason, now);
        }
        return moveTo;
    }

    private void moderation(Connection c, GuildActor actor, long userId, String action, String reason, Instant now)
            throws SQLException {
        recorder.event(c, actor.guildId(), now, new ModerationAction(action, Json.id(actor.userId()), Json.id(userId),
                reason, null, now.toEpochMilli()));
    }

    /**
     * Sets the member's roles to {@code wanted} (@everyone ignored): every added or removed role must exist (10011)
     * and be below the actor's highest role. Writes one MEMBER_ROLE_UPDATE audit entry; false when nothing changed.
     */
    private boolean changeRoles(Connection c, GuildActor actor, Member member, Set<Long> wanted, String reason)
            throws SQLException {
        long guildId = actor.guildId();
        wanted.remove(guildId);
        Map<Long, Role> roles = new HashMap<>();
        GuildStore.roles(c, guildId).forEach(r -> roles.put(r.id(), r));
        Set<Long> current = new LinkedHashSet<>(member.roleIds());
        List<Role> added = new ArrayList<>();
        List<Role> removed = new ArrayList<>();
        for (long id : wanted) {
            Role r = roles.get(id);
            if (r == null) {
                throw new UnknownRole();
            }
            if (!current.contains(id)) {
                added.add(r);
            }
        }
        for (long id : current) {
            if (!wanted.contains(id) && roles.containsKey(id)) {
                removed.add(roles.get(id));
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return false;
        }
        actor.require(Permissions.MANAGE_ROLES);
        for (Role r : added) {
            actor.requireAbove(r);
            MemberStore.addRole(c, guildId, member.user().id(), r.id());
        }
        for (Role r : removed) {
            actor.requireAbove(r);
            MemberStore.removeRole(c, guildId, member.user().id(), r.id());
        }
        recorder.audit(c, guildId, actor.userId(), AuditLogEvent.MEMBER_ROLE_UPDATE, member.user().id(),
                roleChanges(added, removed), null, reason);
        return true;
    }

    private static AuditChanges roleChanges(List<Role> added, List<Role> removed) {
        AuditChanges changes = new AuditChanges();
        if (!added.isEmpty()) {
            changes.created("$add", partialRoles(added));
        }
        if (!removed.isEmpty()) {
            changes.created("$remove", partialRoles(removed));
        }
        return changes;
    }

    private static ArrayNode partialRoles(List<Role> roles) {
        ArrayNode arr = Json.array();
        roles.forEach(r -> arr.addObject().put("id", Json.id(r.id())).put("name", r.name()));
        return arr;
    }

    /** {@code PUT /guilds/{id}/members/{user_id}/roles/{role_id}} (add = true) and {@code DELETE} (add = false). */
    public void setRole(Principal caller, long guildId, long userId, long roleId, boolean add, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Member updated = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_ROLES);
            if (!MemberStore.lock(c, guildId, userId)) {
                throw new UnknownMember();
            }
            Role role = GuildStore.roles(c, guildId).stream().filter(r -> r.id() == roleId).findFirst()
                    .orElseThrow(UnknownRole::new);
            actor.requireAbove(role);
            if (roleId == guildId) {
                return null; // @everyone is implicit
            }
            boolean changed = add ? MemberStore.addRole(c, guildId, userId, roleId)
                    : MemberStore.removeRole(c, guildId, userId, roleId);
            if (!changed) {
                return null;
            }
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.MEMBER_ROLE_UPDATE, userId,
                    add ? roleChanges(List.of(role), List.of()) : roleChanges(List.of(), List.of(role)), null, reason);
            Member m = GuildStore.member(c, guildId, userId);
            recorder.event(c, guildId, now, updatedEvent(m, caller.userId(), List.of("roles"), now));
            return m;
        }));
        if (updated != null) {
            recorder.committed();
            dispatchUpdate(updated);
        }
    }

    /** {@code DELETE /guilds/{id}/members/{user_id}}: kick (KICK_MEMBERS, below the actor; never the owner). */
    public void kick(Principal caller, long guildId, long userId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Member kicked = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.KICK_MEMBERS);
            Member m = GuildStore.member(c, guildId, userId);
            if (m == null) {
                throw new UnknownMember();
            }
            actor.requireAboveMember(c, userId);
            removal.remove(c, guildId, userId, MemberLeft.KICKED, caller.userId(), now);
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.MEMBER_KICK, userId, null, null, reason);
            recorder.event(c, guildId, now, new ModerationAction(ModerationAction.KICK, Json.id(caller.userId()),
                    Json.id(userId), reason, null, now.toEpochMilli()));
            return m;
        }));
        recorder.committed();
        removal.announce(guildId, kicked.user());
    }

    /** {@code DELETE /users/@me/guilds/{id}}: leave; the owner cannot (50055); not a member → 10004. */
    public void leave(Principal caller, long guildId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            Guild g = GuildStore.find(c, guildId);
            if (g == null || !GuildStore.isMember(c, guildId, caller.userId())) {
                throw new UnknownGuild();
            }
            if (g.ownerId() == caller.userId()) {
                throw new InvalidGuild();
            }
            return removal.remove(c, guildId, caller.userId(), MemberLeft.LEFT, caller.userId(), now);
        }));
        recorder.committed();
        removal.announce(guildId, caller.user());
    }

    private static MemberUpdated updatedEvent(Member m, long actorId, List<String> changed, Instant now) {
        return new MemberUpdated(Json.id(m.user().id()), Json.id(actorId), changed,
                m.roleIds().stream().map(Json::id).toList(),
                m.isTimedOut(now) ? m.communicationDisabledUntil().toEpochMilli() : null, now.toEpochMilli());
    }

    private void dispatchUpdate(Member m) {
        ObjectNode d = GuildViews.member(m, true);
        d.put("guild_id", Json.id(m.guildId()));
        bus.publish(m.guildId(), Dispatch.guildWide("GUILD_MEMBER_UPDATE", d, Intents.GUILD_MEMBERS));
    }
}

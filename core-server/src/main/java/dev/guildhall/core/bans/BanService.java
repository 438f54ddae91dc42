package dev.guildhall.core.bans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.UnknownBan;
import dev.guildhall.core.errors.UnknownUser;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.members.MemberRemoval;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.moderation.QueryParams;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.ModerationAction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guild bans (BAN_MEMBERS): list, read, ban (removing the member and optionally its recent messages) and unban.
 * A banned user cannot rejoin by invite (40007).
 */
public final class BanService {
    public static final int MAX_LIST = 1000;
    /** Discord's longest message-deletion window when banning: 7 days. */
    public static final int MAX_DELETE_SECONDS = 604800;

    private final Database db;
    private final PermissionCalculator permissions;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final MemberRemoval removal;

    public BanService(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus,
                      MemberRemoval removal) {
        this.db = db;
        this.permissions = permissions;
        this.recorder = recorder;
        this.bus = bus;
        this.removal = removal;
    }

    /** {@code GET /guilds/{id}/bans?limit=&before=&after=}. */
    public ArrayNode list(Principal caller, long guildId, String limitParam, String beforeParam, String afterParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = QueryParams.integer("limit", limitParam, 1, MAX_LIST, MAX_LIST, errors);
        long before = QueryParams.snowflake("before", beforeParam, errors);
        long after = QueryParams.snowflake("after", afterParam, errors);
        errors.throwIfAny();
        return db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.BAN_MEMBERS);
            ArrayNode out = Json.array();
            BanStore.page(c, guildId, before, after, limit).forEach(b -> out.add(view(b)));
            return out;
        });
    }

    /** {@code GET /guilds/{id}/bans/{user_id}}: 10026 when not banned. */
    public ObjectNode get(Principal caller, long guildId, long userId) {
        return db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.BAN_MEMBERS);
            Ban b = BanStore.find(c, guildId, userId);
            if (b == null) {
                throw new UnknownBan();
            }
            return view(b);
        });
    }

    /**
     * {@code PUT /guilds/{id}/bans/{user_id}} with {@code delete_message_seconds} (0..604800) or the deprecated
     * {@code delete_message_days} (0..7). The owner and members at or above the actor cannot be banned (50013);
     * users who are not members can. Banning a banned user changes nothing.
     */
    public void ban(Principal caller, long guildId, long userId, JsonNode body, String reason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int days = Validation.optionalInt(body, "delete_message_days", 0, 7, 0, errors);
        int seconds = Validation.optionalInt(body, "delete_message_seconds", 0, MAX_DELETE_SECONDS, days * 86400,
                errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Banned(User user, boolean created, boolean wasMember, Map<Long, Long> deleted) {
        }
        Banned b = bus.permissionChange(guildId, () -> db.inTransaction(c -> {
            GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.BAN_MEMBERS);
            User target = AuthService.findUser(c, userId);
            if (target == null) {
                throw new UnknownUser();
            }
            actor.requireAboveMember(c, userId);
            if (!BanStore.insert(c, guildId, userId, reason, caller.userId(), now)) {
                return new Banned(target, false, false, Map.of());
            }
            boolean wasMember = GuildStore.isMember(c, guildId, userId)
                    && removal.remove(c, guildId, userId, MemberLeft.BANNED, caller.userId(), now);
            Map<Long, Long> deleted = seconds == 0 ? Map.of()
                    : BanStore.deleteRecentMessages(c, guildId, userId, now.minusSeconds(seconds));
            for (Map.Entry<Long, Long> m : deleted.entrySet()) {
                recorder.event(c, guildId, now, new MessageDeleted(Json.id(m.getKey()), Json.id(m.getValue()),
                        Json.id(userId), Json.id(caller.userId()), now.toEpochMilli()));
            }
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.MEMBER_BAN_ADD, userId, null, null, reason);
            recorder.event(c, guildId, now, new ModerationAction(ModerationAction.BAN, Json.id(caller.userId()),
                    Json.id(userId), reason, null, now.toEpochMilli()));
            return new Banned(target, true, wasMember, deleted);
        }));
        if (!b.created()) {
            return;
        }
        recorder.committed();
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.set("user", UserViews.user(b.user()));
        bus.publish(guildId, Dispatch.guildWide("GUILD_BAN_ADD", d, Intents.GUILD_MODERATION));
        if (b.wasMember()) {
            removal.announce(guildId, b.user());
        }
        Map<Long, List<Long>> byChannel = new LinkedHashMap<>();
        b.deleted().forEach((id, channel) -> byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(id));
        byChannel.forEach((channel, ids) -> {
            ObjectNode bulk = Json.object();
            ArrayNode idArray = bulk.putArray("ids");
            ids.forEach(id -> idArray.add(Json.id(id)));
            bulk.put("channel_id", Json.id(channel));
            bulk.put("guild_id", Json.id(guildId));
            bus.publish(guildId, Dispatch.inChannel("MESSAGE_DELETE_BULK", bulk, Intents.GUILD_MESSAGES, channel));
        });
    }

    /** {@code DELETE /guilds/{id}/bans/{user_id}}: 10026 when not banned. */
    public void unban(Principal caller, long guildId, long userId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User user = db.inTransaction(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.BAN_MEMBERS);
            if (!BanStore.delete(c, guildId, userId)) {
                throw new UnknownBan();
            }
            recorder.audit(c, guildId, caller.userId(), AuditLogEvent.MEMBER_BAN_REMOVE, userId, null, null, reason);
            recorder.event(c, guildId, now, new ModerationAction(ModerationAction.UNBAN, Json.id(caller.userId()),
                    Json.id(userId), reason, null, now.toEpochMilli()));
            return AuthService.findUser(c, userId);
        });
        recorder.committed();
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.set("user", UserViews.user(user));
        bus.publish(guildId, Dispatch.guildWide("GUILD_BAN_REMOVE", d, Intents.GUILD_MODERATION));
    }

    static ObjectNode view(Ban b) {
        ObjectNode o = Json.object();
        if (b.reason() == null) {
            o.putNull("reason");
        } else {
            o.put("reason", b.reason());
        }
        o.set("user", UserViews.user(b.user()));
        return o;
    }
}

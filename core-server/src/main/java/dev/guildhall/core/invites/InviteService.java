package dev.guildhall.core.invites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.bans.BanStore;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownInvite;
import dev.guildhall.core.errors.UserBanned;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.MembershipListener;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.InviteCreated;
import dev.guildhall.events.payload.InviteDeleted;
import dev.guildhall.events.payload.MemberJoined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Invites: create for a channel, look up, and join a guild by code (users and bots). */
public final class InviteService {
    private static final Logger LOG = LoggerFactory.getLogger(InviteService.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final ChannelAccess access;
    private final MembershipListener listener;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final PermissionCalculator permissions;

    public InviteService(Database db, ChannelAccess access, MembershipListener listener, ChangeRecorder recorder,
                         GuildEventBus bus, PermissionCalculator permissions) {
        this.db = db;
        this.access = access;
        this.listener = listener;
        this.recorder = recorder;
        this.bus = bus;
        this.permissions = permissions;
    }

    /** {@code POST /channels/{id}/invites} with Discord's body (max_age, max_uses, temporary, unique). */
    public ObjectNode create(Principal caller, long channelId, JsonNode body, String reason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int maxAge = Validation.optionalInt(body, "max_age", 0, 604800, 86400, errors);
        int maxUses = Validation.optionalInt(body, "max_uses", 0, 100, 0, errors);
        boolean temporary = Validation.optionalBoolean(body, "temporary", false, errors);
        Validation.optionalBoolean(body, "unique", false, errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = maxAge == 0 ? null : now.plusSeconds(maxAge);
        for (int attempt = 0; ; attempt++) {
            String code = newCode();
            try {
                record Created(Invite invite, ObjectNode view) {
                }
                Created created = db.inTransaction(c -> {
                    ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.CREATE_INSTANT_INVITE);
                    Invite invite = new Invite(code, grant.guild().id(), channelId, caller.userId(), maxAge, maxUses, 0,
                            temporary, now, expires);
                    insert(c, invite);
                    recorder.audit(c, invite.guildId(), caller.userId(), AuditLogEvent.INVITE_CREATE, 0,
                            auditFields(invite, true), null, reason);
                    recorder.event(c, invite.guildId(), now, new InviteCreated(code, Json.id(channelId),
                            Json.id(caller.userId()), maxAge, maxUses, now.toEpochMilli()));
                    return new Created(invite, view(invite, grant.guild(), grant.channel(), caller.user(), true));
                });
                recorder.committed();
                bus.publish(created.invite().guildId(), Dispatch.inChannel("INVITE_CREATE",
                        createDispatch(created.invite(), caller.user()), Intents.GUILD_INVITES, channelId));
                return created.view();
            } catch (DatabaseException e) {
                if (!e.isUniqueViolation() || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** {@code GET /invites/{code}}. */
    public ObjectNode get(String code) {
        return db.read(c -> {
            Invite invite = find(c, code, false);
            if (invite == null || !invite.isUsable(Instant.now())) {
                throw new UnknownInvite();
            }
            return view(c, invite, false);
        });
    }

    /** {@code POST /invites/{code}}: joins the invite's guild (idempotent for members). */
    public ObjectNode join(Principal caller, String code) {
        record Joined(ObjectNode view, long guildId, boolean added) {
        }
        Joined joined = db.inTransaction(c -> {
            Invite invite = find(c, code, true);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (invite == null || !invite.isUsable(now)) {
                throw new UnknownInvite();
            }
            if (BanStore.isBanned(c, invite.guildId(), caller.userId())) {
                throw new UserBanned();
            }
            boolean added = GuildStore.addMember(c, invite.guildId(), caller.userId());
            if (added) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE invites SET uses = uses + 1 WHERE code = ?")) {
                    ps.setString(1, code);
                    ps.executeUpdate();
                }
                recorder.event(c, invite.guildId(), now, new MemberJoined(Json.id(caller.userId()),
                        caller.user().bot(), code, now.toEpochMilli()));
            }
            ObjectNode view = view(c, invite, false);
            view.put("new_member", added);
            return new Joined(view, invite.guildId(), added);
        });
        if (joined.added()) {
            recorder.committed();
            LOG.info("event=member_joined guild_id={} user_id={} invite={}", joined.guildId(), caller.userId(), code);
            listener.memberAdded(joined.guildId(), caller.userId());
        }
        return joined.view();
    }

    /**
     * {@code DELETE /invites/{code}}: MANAGE_CHANNELS on the invite's channel or MANAGE_GUILD; returns the invite;
     * INVITE_DELETE to the sessions that can see the channel.
     */
    public ObjectNode delete(Principal caller, String code, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Deleted(ObjectNode view, Invite invite) {
        }
        Deleted deleted = db.inTransaction(c -> {
            Invite invite = find(c, code, true);
            if (invite == null) {
                throw new UnknownInvite();
            }
            ChannelGrant grant = access.require(c, invite.channelId(), caller.userId(), 0);
            if (!Permissions.has(grant.permissions(), Permissions.MANAGE_CHANNELS)
                    && !Permissions.has(permissions.guildPermissions(c, invite.guildId(), grant.guild().ownerId(),
                    caller.userId()), Permissions.MANAGE_GUILD)) {
                throw new MissingPermissions();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM invites WHERE code = ?")) {
                ps.setString(1, code);
                ps.executeUpdate();
            }
            recorder.audit(c, invite.guildId(), caller.userId(), AuditLogEvent.INVITE_DELETE, 0,
                    auditFields(invite, false), null, reason);
            recorder.event(c, invite.guildId(), now, new InviteDeleted(code, Json.id(invite.channelId()),
                    Json.id(caller.userId()), now.toEpochMilli()));
            return new Deleted(view(c, invite, false), invite);
        });
        recorder.committed();
        ObjectNode d = Json.object();
        d.put("channel_id", Json.id(deleted.invite().channelId()));
        d.put("guild_id", Json.id(deleted.invite().guildId()));
        d.put("code", code);
        bus.publish(deleted.invite().guildId(), Dispatch.inChannel("INVITE_DELETE", d, Intents.GUILD_INVITES,
                deleted.invite().channelId()));
        return deleted.view();
    }

    /** {@code GET /channels/{id}/invites}: MANAGE_CHANNELS; invites with metadata. */
    public ArrayNode ofChannel(Principal caller, long channelId) {
        return db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.MANAGE_CHANNELS);
            ArrayNode out = Json.array();
            for (Invite i : list(c, "channel_id", channelId)) {
                out.add(view(i, grant.guild(), grant.channel(), AuthService.findUser(c, i.inviterId()), true));
            }
            return out;
        });
    }

    /** {@code GET /guilds/{id}/invites}: MANAGE_GUILD or VIEW_AUDIT_LOG; metadata only with MANAGE_GUILD. */
    public ArrayNode ofGuild(Principal caller, long guildId) {
        return db.read(c -> {
            Guild guild = GuildService.requireMember(c, guildId, caller.userId());
            long perms = permissions.guildPermissions(c, guildId, guild.ownerId(), caller.userId());
            boolean manage = Permissions.has(perms, Permissions.MANAGE_GUILD);
            if (!manage && !Permissions.has(perms, Permissions.VIEW_AUDIT_LOG)) {
                throw new MissingPermissions();
            }
            ArrayNode out = Json.array();
            for (Invite i : list(c, "guild_id", guildId)) {
                Channel channel = ChannelStore.find(c, i.channelId());
                if (channel != null) {
                    out.add(view(i, guild, channel, AuthService.findUser(c, i.inviterId()), manage));
                }
            }
            return out;
        });
    }

    /** Discord's INVITE_CREATE payload. */
    private static ObjectNode createDispatch(Invite i, User inviter) {
        ObjectNode d = Json.object();
        d.put("channel_id", Json.id(i.channelId()));
        d.put("code", i.code());
        d.put("created_at", Json.timestamp(i.createdAt()));
        d.put("guild_id", Json.id(i.guildId()));
        d.set("inviter", UserViews.user(inviter));
        d.put("max_age", i.maxAge());
        d.put("max_uses", i.maxUses());
        d.put("temporary", i.temporary());
        d.put("uses", i.uses());
        if (i.expiresAt() == null) {
            d.putNull("expires_at");
        } else {
            d.put("expires_at", Json.timestamp(i.expiresAt()));
        }
        return d;
    }

    /** Audit log changes of an invite's creation (new values) or deletion (old values). */
    private static AuditChanges auditFields(Invite i, boolean created) {
        AuditChanges changes = new AuditChanges();
        Object[][] fields = {{"code", i.code()}, {"channel_id", Json.id(i.channelId())},
                {"inviter_id", Json.id(i.inviterId())}, {"uses", i.uses()}, {"max_uses", i.maxUses()},
                {"max_age", i.maxAge()}, {"temporary", i.temporary()}};
        for (Object[] f : fields) {
            if (created) {
                changes.created((String) f[0], f[1]);
            } else {
                changes.deleted((String) f[0], f[1]);
            }
        }
        return changes;
    }

    private static List<Invite> list(Connection c, String column, long id) throws SQLException {
        List<Invite> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code, guild_id, channel_id, inviter_id, max_age, max_uses, uses, temporary, created_at, expires_at
                  FROM invites""" + " WHERE " + column
                + " = ? AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void insert(Connection c, Invite i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO invites (code, guild_id, channel_id, inviter_id, max_age, max_uses, uses, temporary,
                                     created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, i.code());
            ps.setLong(2, i.guildId());
            ps.setLong(3, i.channelId());
            ps.setLong(4, i.inviterId());
            ps.setInt(5, i.maxAge());
            ps.setInt(6, i.maxUses());
            ps.setInt(7, i.uses());
            ps.setBoolean(8, i.temporary());
            ps.setTimestamp(9, Timestamp.from(i.createdAt()));
            ps.setTimestamp(10, i.expiresAt() == null ? null : Timestamp.from(i.expiresAt()));
            ps.executeUpdate();
        }
    }

    private static Invite find(Connection c, String code, boolean forUpdate) throws SQLException {
        if (code == null || code.length() > 64) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code, guild_id, channel_id, inviter_id, max_age, max_uses, uses, temporary, created_at, expires_at
                  FROM invites WHERE code = ?""" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Invite read(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp(10);
        return new Invite(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant(),
                expires == null ? null : expires.toInstant());
    }

    private static ObjectNode view(Connection c, Invite invite, boolean withMetadata) throws SQLException {
        Guild guild = GuildStore.find(c, invite.guildId());
        Channel channel = ChannelStore.find(c, invite.channelId());
        User inviter = AuthService.findUser(c, invite.inviterId());
        if (guild == null || channel == null) {
            throw new UnknownInvite();
        }
        return view(invite, guild, channel, inviter, withMetadata);
    }

    /** Discord's invite object (plus invite metadata when {@code withMetadata}). */
    static ObjectNode view(Invite invite, Guild guild, Channel channel, User inviter, boolean withMetadata) {
        ObjectNode o = Json.object();
        o.put("type", 0);
        o.put("code", invite.code());
        if (inviter != null) {
            o.set("inviter", UserViews.user(inviter));
        }
        if (invite.expiresAt() == null) {
            o.putNull("expires_at");
        } else {
            o.put("expires_at", Json.timestamp(invite.expiresAt()));
        }
        o.put("guild_id", Json.id(guild.id()));
        ObjectNode g = o.putObject("guild");
        g.put("id", Json.id(guild.id()));
        g.put("name", guild.name());
        g.putNull("splash");
        g.putNull("banner");
        g.putNull("description");
        g.putNull("icon");
        g.putArray("features");
        g.put("verification_level", 0);
        g.putNull("vanity_url_code");
        g.put("nsfw_level", 0);
        g.put("nsfw", false);
        g.put("premium_subscription_count", 0);
        ObjectNode ch = o.putObject("channel");
        ch.put("id", Json.id(channel.id()));
        ch.put("type", channel.type());
        ch.put("name", channel.name());
        if (withMetadata) {
            o.put("uses", invite.uses());
            o.put("max_uses", invite.maxUses());
            o.put("max_age", invite.maxAge());
            o.put("temporary", invite.temporary());
            o.put("created_at", Json.timestamp(invite.createdAt()));
        }
        return o;
    }
}

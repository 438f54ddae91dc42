package dev.guildhall.core.invites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.UnknownInvite;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.MembershipListener;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.permissions.Permissions;
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

/** Invites: create for a channel, look up, and join a guild by code (users and bots). */
public final class InviteService {
    private static final Logger LOG = LoggerFactory.getLogger(InviteService.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final ChannelAccess access;
    private final MembershipListener listener;

    public InviteService(Database db, ChannelAccess access, MembershipListener listener) {
        this.db = db;
        this.access = access;
        this.listener = listener;
    }

    /** {@code POST /channels/{id}/invites} with Discord's body (max_age, max_uses, temporary, unique). */
    public ObjectNode create(Principal caller, long channelId, JsonNode body) {
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
                return db.inTransaction(c -> {
                    ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.CREATE_INSTANT_INVITE);
                    Invite invite = new Invite(code, grant.guild().id(), channelId, caller.userId(), maxAge, maxUses, 0,
                            temporary, now, expires);
                    insert(c, invite);
                    return view(invite, grant.guild(), grant.channel(), caller.user(), true);
                });
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
            if (invite == null || !invite.isUsable(Instant.now())) {
                throw new UnknownInvite();
            }
            boolean added = GuildStore.addMember(c, invite.guildId(), caller.userId());
            if (added) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE invites SET uses = uses + 1 WHERE code = ?")) {
                    ps.setString(1, code);
                    ps.executeUpdate();
                }
            }
            ObjectNode view = view(c, invite, false);
            view.put("new_member", added);
            return new Joined(view, invite.guildId(), added);
        });
        if (joined.added()) {
            LOG.info("event=member_joined guild_id={} user_id={} invite={}", joined.guildId(), caller.userId(), code);
            listener.memberAdded(joined.guildId(), caller.userId());
        }
        return joined.view();
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
                if (!rs.next()) {
                    return null;
                }
                Timestamp expires = rs.getTimestamp(10);
                return new Invite(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant(),
                        expires == null ? null : expires.toInstant());
            }
        }
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

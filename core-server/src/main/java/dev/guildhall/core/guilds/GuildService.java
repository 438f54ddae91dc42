package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.channels.ChannelViews;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.UnknownGuild;
import dev.guildhall.core.errors.UnknownMember;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.PermissionOverwrite;
import dev.guildhall.core.permissions.PermissionOverwriteStore;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.threads.ActiveThreads;
import dev.guildhall.events.Snowflakes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Guild creation (with @everyone, {@code general} and {@code General}), reads and membership. */
public final class GuildService {
    private static final Logger LOG = LoggerFactory.getLogger(GuildService.class);
    /** Members sent in GUILD_CREATE (Discord's "large" threshold is 250; the skeleton sends up to this many). */
    public static final int GATEWAY_MEMBER_LIMIT = 1000;

    private final Database db;
    private final Snowflakes ids;
    private final PermissionCalculator permissions;
    private final ChannelAccess access;

    public GuildService(Database db, Snowflakes ids, PermissionCalculator permissions) {
        this.db = db;
        this.ids = ids;
        this.permissions = permissions;
        this.access = new ChannelAccess(permissions);
    }

    /** {@code POST /guilds}. */
    public ObjectNode create(Principal caller, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.requiredString(body, "name", errors);
        if (name != null) {
            name = name.strip();
            Validation.length(name, "name", 2, 100, errors);
        }
        errors.throwIfAny();
        long guildId = ids.next();
        long textId = ids.next();
        long voiceId = ids.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Guild guild = new Guild(guildId, name, caller.userId(), textId, now);
        Role everyone = new Role(guildId, guildId, "@everyone", Permissions.DEFAULT_EVERYONE, 0, 0, false, false);
        db.inTransaction(c -> {
            GuildStore.insertGuild(c, guild);
            GuildStore.insertRole(c, everyone);
            ChannelStore.insert(c, new Channel(textId, guildId, Channel.GUILD_TEXT, "general", 0, null, null, null, null));
            ChannelStore.insert(c, new Channel(voiceId, guildId, Channel.GUILD_VOICE, "General", 0, null,
                    Channel.DEFAULT_BITRATE, 0, null));
            GuildStore.addMember(c, guildId, caller.userId());
            return null;
        });
        LOG.info("event=guild_created guild_id={} owner_id={}", guildId, caller.userId());
        return GuildViews.guild(guild, List.of(everyone));
    }

    /** {@code GET /guilds/{id}}: members only. */
    public ObjectNode get(Principal caller, long guildId) {
        return db.read(c -> {
            Guild g = requireMember(c, guildId, caller.userId());
            return GuildViews.guild(g, GuildStore.roles(c, guildId));
        });
    }

    /** {@code GET /guilds/{id}/channels}: members only; channels the caller can view. */
    public ArrayNode channels(Principal caller, long guildId) {
        return db.read(c -> {
            Guild g = requireMember(c, guildId, caller.userId());
            ArrayNode out = Json.array();
            Map<Long, List<PermissionOverwrite>> overwrites = PermissionOverwriteStore.ofGuild(c, guildId);
            Map<Long, Long> perms = permissions.channelPermissions(c, guildId, g.ownerId(), caller.userId());
            for (Channel ch : topLevelChannels(c, guildId)) {
                if (Permissions.has(perms.getOrDefault(ch.id(), 0L), Permissions.VIEW_CHANNEL)) {
                    out.add(ChannelViews.channel(ch, overwrites.getOrDefault(ch.id(), List.of())));
                }
            }
            return out;
        });
    }

    /** {@code GET /users/@me/guilds}: partial guilds with {@code owner} and {@code permissions}. */
    public ArrayNode guildsOf(Principal caller) {
        return db.read(c -> {
            ArrayNode out = Json.array();
            for (Guild g : GuildStore.ofUser(c, caller.userId())) {
                long perms = permissions.guildPermissions(c, g.id(), g.ownerId(), caller.userId());
                out.add(GuildViews.partial(g, g.ownerId() == caller.userId(), perms));
            }
            return out;
        });
    }

    /** Guild ids of a user (gateway subscriptions). */
    public List<Long> guildIdsOf(long userId) {
        return db.read(c -> GuildStore.ofUser(c, userId).stream().map(Guild::id).toList());
    }

    /**
     * GUILD_CREATE snapshots of the given guilds for a member. Like Discord, {@code allMembers} false (a bot
     * without the GUILD_PRESENCES intent) lists only the member itself.
     */
    public List<GuildSnapshot> snapshots(long userId, List<Long> guildIds, boolean allMembers) {
        return db.read(c -> {
            List<GuildSnapshot> out = new ArrayList<>();
            for (long gid : guildIds) {
                Guild g = GuildStore.find(c, gid);
                Member self = g == null ? null : GuildStore.member(c, gid, userId);
                if (self == null) {
                    continue;
                }
                out.add(new GuildSnapshot(g, GuildStore.roles(c, gid), topLevelChannels(c, gid),
                        allMembers ? GuildStore.members(c, gid, GATEWAY_MEMBER_LIMIT) : List.of(self),
                        GuildStore.memberCount(c, gid),
                        self.joinedAt(), PermissionOverwriteStore.ofGuild(c, gid),
                        ActiveThreads.forGuildCreate(c, access, gid, userId)));
            }
            return out;
        });
    }

    /** The guild's channels without its threads (Discord lists threads separately). */
    private static List<Channel> topLevelChannels(Connection c, long guildId) throws SQLException {
        return ChannelStore.ofGuild(c, guildId).stream().filter(ch -> !ch.isThread()).toList();
    }

    /** {@code GET /guilds/{id}/members/{user_id}}: members only; 10007 for a user who is not a member. */
    public ObjectNode memberView(Principal caller, long guildId, long userId) {
        return db.read(c -> {
            requireMember(c, guildId, caller.userId());
            Member m = GuildStore.member(c, guildId, userId);
            if (m == null) {
                throw new UnknownMember();
            }
            return GuildViews.member(m, true);
        });
    }

    /**
     * Members for the gateway's Request Guild Members: the members among {@code userIds} when given, else those
     * whose names start with {@code query} (all for ""); at most {@code limit} (0 = no limit).
     */
    public List<Member> requestedMembers(long guildId, List<Long> userIds, String query, int limit) {
        int max = limit == 0 ? Integer.MAX_VALUE : limit;
        return db.read(c -> {
            if (userIds != null) {
                List<Member> out = new ArrayList<>();
                for (long userId : userIds) {
                    if (out.size() >= max) {
                        break;
                    }
                    Member m = GuildStore.member(c, guildId, userId);
                    if (m != null) {
                        out.add(m);
                    }
                }
                return out;
            }
            return query.isEmpty() ? GuildStore.members(c, guildId, max)
                    : GuildStore.searchMembers(c, guildId, query, max);
        });
    }

    /** One member with user and role ids, or null. */
    public Member member(long guildId, long userId) {
        return db.read(c -> GuildStore.member(c, guildId, userId));
    }

    /** 10004 when the guild does not exist, 50001 when the caller is not a member. */
    public static Guild requireMember(Connection c, long guildId, long userId) throws SQLException {
        Guild g = GuildStore.find(c, guildId);
        if (g == null) {
            throw new UnknownGuild();
        }
        if (!GuildStore.isMember(c, guildId, userId)) {
            throw new MissingAccess();
        }
        return g;
    }
}

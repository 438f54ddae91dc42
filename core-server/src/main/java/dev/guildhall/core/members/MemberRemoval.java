package dev.guildhall.core.members;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.MembershipListener;
import dev.guildhall.core.json.Json;
import dev.guildhall.events.payload.MemberLeft;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Removing a member (leave, kick, ban): the row and its {@code member.left} event in the caller's transaction; after
 * the commit the member's gateway sessions leave the guild (GUILD_DELETE) and the others get GUILD_MEMBER_REMOVE.
 */
public final class MemberRemoval {
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final MembershipListener listener;

    public MemberRemoval(ChangeRecorder recorder, GuildEventBus bus, MembershipListener listener) {
        this.recorder = recorder;
        this.bus = bus;
        this.listener = listener;
    }

    /** Deletes the membership and writes {@code member.left}; false when the user was not a member. */
    public boolean remove(Connection c, long guildId, long userId, String reason, long actorId, Instant at)
            throws SQLException {
        if (!MemberStore.delete(c, guildId, userId)) {
            return false;
        }
        recorder.event(c, guildId, at, new MemberLeft(Json.id(userId), reason, Json.id(actorId), at.toEpochMilli()));
        return true;
    }

    /** After the commit: the removed user's sessions get GUILD_DELETE, the guild GUILD_MEMBER_REMOVE. */
    public void announce(long guildId, User user) {
        listener.memberRemoved(guildId, user.id());
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.set("user", UserViews.user(user));
        bus.publish(guildId, Dispatch.guildWide("GUILD_MEMBER_REMOVE", d, Intents.GUILD_MEMBERS));
    }
}

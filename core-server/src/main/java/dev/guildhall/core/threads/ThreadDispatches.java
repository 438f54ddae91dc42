package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;

import java.util.Collection;
import java.util.Map;

/**
 * The THREAD_* gateway dispatches (intent GUILDS; THREAD_MEMBERS_UPDATE about others needs GUILD_MEMBERS). Events
 * about a thread carry its id as channelId so that the gateway delivers them only to users who can view it (for a
 * private thread: its members and MANAGE_THREADS holders). Events for one user go to that user's sessions only.
 */
final class ThreadDispatches {
    private final GuildEventBus bus;
    private final UserDispatcher users;

    ThreadDispatches(GuildEventBus bus, UserDispatcher users) {
        this.bus = bus;
        this.users = users;
    }

    /** THREAD_CREATE with newly_created to everyone who can view the thread. */
    void created(GuildThread t) {
        ObjectNode d = ThreadViews.thread(t);
        d.put("newly_created", true);
        bus.publish(t.guildId(), Dispatch.inChannel("THREAD_CREATE", d, Intents.GUILDS, t.id()));
    }

    /** THREAD_CREATE with the user's thread member object, to a user who was added to (or joined) a thread. */
    void createdFor(GuildThread t, ThreadMember member) {
        users.dispatchToUser(t.guildId(), member.userId(),
                Dispatch.guildWide("THREAD_CREATE", ThreadViews.thread(t, member), Intents.GUILDS), 0);
    }

    /** THREAD_UPDATE to everyone who can view the thread. */
    static void updated(GuildEventBus bus, GuildThread t) {
        bus.publish(t.guildId(), Dispatch.inChannel("THREAD_UPDATE", ThreadViews.thread(t), Intents.GUILDS, t.id()));
    }

    /** THREAD_MEMBER_UPDATE (thread member + guild_id) to the member itself. */
    void memberUpdated(long guildId, ThreadMember m) {
        ObjectNode d = ThreadViews.member(m);
        d.put("guild_id", Json.id(guildId));
        users.dispatchToUser(guildId, m.userId(), Dispatch.guildWide("THREAD_MEMBER_UPDATE", d, Intents.GUILDS), 0);
    }

    /**
     * THREAD_DELETE. A deleted thread can no longer be looked up, so it is not gated by its own id: a public
     * thread's deletion goes to those who can view the parent channel, a private thread's to the users who could
     * view it (computed before the deletion).
     */
    void deleted(GuildThread t, Collection<Long> privateViewers) {
        ObjectNode d = ThreadViews.deleted(t);
        if (!t.isPrivate()) {
            bus.publish(t.guildId(), Dispatch.inChannel("THREAD_DELETE", d, Intents.GUILDS, t.parentId()));
            return;
        }
        for (long user : privateViewers) {
            users.dispatchToUser(t.guildId(), user, Dispatch.guildWide("THREAD_DELETE", d, Intents.GUILDS), 0);
        }
    }

    /**
     * THREAD_MEMBERS_UPDATE: to sessions with GUILD_MEMBERS that can view the thread, and - Discord's rule - to the
     * added or removed users themselves without that intent. A removed user who can no longer view the thread
     * (a private thread) gets it directly whatever their intents.
     *
     * @param removed removed user id → whether they can still view the thread
     */
    void membersUpdated(GuildThread t, int memberCount, Map<ThreadMember, Member> added, Map<Long, Boolean> removed) {
        ObjectNode d = Json.object();
        d.put("id", Json.id(t.id()));
        d.put("guild_id", Json.id(t.guildId()));
        d.put("member_count", Math.min(ThreadStore.MEMBER_COUNT_CAP, memberCount));
        if (!added.isEmpty()) {
            ArrayNode arr = d.putArray("added_members");
            added.forEach((tm, gm) -> {
                ObjectNode o = ThreadViews.member(tm, gm);
                o.putNull("presence");
                arr.add(o);
            });
        }
        if (!removed.isEmpty()) {
            ArrayNode arr = d.putArray("removed_member_ids");
            removed.keySet().forEach(id -> arr.add(Json.id(id)));
        }
        bus.publish(t.guildId(), Dispatch.inChannel("THREAD_MEMBERS_UPDATE", d, Intents.GUILD_MEMBERS, t.id()));
        Dispatch self = Dispatch.guildWide("THREAD_MEMBERS_UPDATE", d, Intents.GUILDS);
        added.keySet().forEach(m -> users.dispatchToUser(t.guildId(), m.userId(), self, Intents.GUILD_MEMBERS));
        removed.forEach((u, stillViews) -> users.dispatchToUser(t.guildId(), u, self,
                stillViews ? Intents.GUILD_MEMBERS : 0));
    }
}

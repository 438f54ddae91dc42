package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.channels.ChannelAccess;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The active threads of a guild that a user can view (the active-threads route and GUILD_CREATE's threads). */
public final class ActiveThreads {
    private ActiveThreads() {
    }

    /** Active threads the user can view, id descending. */
    public static List<GuildThread> visible(Connection c, ChannelAccess access, long guildId, long userId)
            throws SQLException {
        List<GuildThread> out = new ArrayList<>();
        for (GuildThread t : ThreadStore.active(c, guildId)) {
            if (access.canView(c, t.id(), userId)) {
                out.add(t);
            }
        }
        return out;
    }

    /** GUILD_CREATE's {@code threads}: each visible active thread, with the user's membership when joined. */
    public static List<ObjectNode> forGuildCreate(Connection c, ChannelAccess access, long guildId, long userId)
            throws SQLException {
        List<GuildThread> threads = visible(c, access, guildId, userId);
        Map<Long, ThreadMember> mine = ThreadStore.membershipsOf(c, userId,
                threads.stream().map(GuildThread::id).toList());
        List<ObjectNode> out = new ArrayList<>();
        for (GuildThread t : threads) {
            ObjectNode o = ThreadViews.thread(t);
            ThreadMember m = mine.get(t.id());
            if (m != null) {
                o.set("member", ThreadViews.gatewayMember(m));
            }
            out.add(o);
        }
        return out;
    }
}

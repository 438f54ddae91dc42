package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users' presences, in this process's memory: each session has its own (IDENTIFY's {@code presence}, then op 3),
 * the user shows the one set most recently by a live session, and offline once the last session has ended. Every
 * change of what others see goes out as PRESENCE_UPDATE to the user's guilds (sessions with GUILD_PRESENCES) and as
 * a {@code presence.updated} event.
 */
public final class PresenceTracker {
    /** Where presence changes go besides the gateway: the {@code guildhall.presence} topic. */
    @FunctionalInterface
    public interface Sink {
        /** Must not block. */
        void changed(long guildId, long userId, String status, int activities, long changedAt);
    }

    private static final class UserPresences {
        final Map<String, Presence> bySession = new HashMap<>();
        final Map<String, Long> setAt = new HashMap<>();
        long clock;
        Presence shown; // null = offline
    }

    private final GuildEventBus bus;
    private final Sink sink;
    private final Map<Long, UserPresences> users = new ConcurrentHashMap<>();

    PresenceTracker(GuildEventBus bus, Sink sink) {
        this.bus = bus;
        this.sink = sink;
    }

    /**
     * A session (re)set its presence; broadcast to {@code guilds} if what others see changed. Broadcasts happen
     * under the user's lock, so two changes of one user reach every session in the order they were made.
     */
    void set(long userId, String sessionId, Presence presence, Collection<Long> guilds) {
        UserPresences u = users.computeIfAbsent(userId, k -> new UserPresences());
        synchronized (u) {
            u.bySession.put(sessionId, presence);
            u.setAt.put(sessionId, ++u.clock);
            show(userId, u, presence, guilds);
        }
    }

    /** A session ended: the user shows the latest remaining session's presence, or offline if none is left. */
    void ended(long userId, String sessionId, Collection<Long> guilds) {
        UserPresences u = users.get(userId);
        if (u == null) {
            return;
        }
        synchronized (u) {
            if (u.bySession.remove(sessionId) == null) {
                return;
            }
            u.setAt.remove(sessionId);
            String latest = null;
            for (Map.Entry<String, Long> e : u.setAt.entrySet()) {
                if (latest == null || e.getValue() > u.setAt.get(latest)) {
                    latest = e.getKey();
                }
            }
            show(userId, u, latest == null ? null : u.bySession.get(latest), guilds);
            if (u.bySession.isEmpty()) {
                users.remove(userId, u);
            }
        }
    }

    private void show(long userId, UserPresences u, Presence next, Collection<Long> guilds) {
        String before = u.shown == null ? "offline" : u.shown.publicStatus();
        ArrayNode beforeActivities = u.shown == null ? null : u.shown.publicActivities();
        u.shown = next;
        String status = next == null ? "offline" : next.publicStatus();
        ArrayNode activities = next == null ? Json.mapper().createArrayNode() : next.publicActivities();
        if (before.equals(status) && Objects.equals(beforeActivities, activities)) {
            return;
        }
        long now = System.currentTimeMillis();
        for (long guildId : guilds) {
            bus.publish(guildId, Dispatch.guildWide("PRESENCE_UPDATE", view(userId, guildId, status, activities),
                    Intents.GUILD_PRESENCES));
            sink.changed(guildId, userId, status, activities.size(), now);
        }
    }

    /** The presences of the given users that are not offline, as GUILD_CREATE lists them. */
    ArrayNode presences(long guildId, Collection<Long> userIds) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (long userId : userIds) {
            UserPresences u = users.get(userId);
            if (u == null) {
                continue;
            }
            synchronized (u) {
                if (u.shown != null && !"offline".equals(u.shown.publicStatus())) {
                    out.add(view(userId, guildId, u.shown.publicStatus(), u.shown.publicActivities()));
                }
            }
        }
        return out;
    }

    private static ObjectNode view(long userId, long guildId, String status, ArrayNode activities) {
        ObjectNode o = Json.object();
        o.putObject("user").put("id", Json.id(userId));
        o.put("guild_id", Json.id(guildId));
        o.put("status", status);
        o.set("activities", activities.deepCopy());
        ObjectNode clientStatus = o.putObject("client_status");
        if (!"offline".equals(status)) {
            clientStatus.put("web", status);
        }
        return o;
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildSnapshot;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.guilds.MembershipListener;
import dev.guildhall.core.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

/**
 * The gateway's protocol logic: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, and keeping sessions
 * subscribed to their guilds on the {@link GuildEventBus}. Blocking work (token and guild lookups) runs on the
 * worker executor, never on the event loop.
 */
public final class GatewayHub implements MembershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHub.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthService auth;
    private final GuildService guilds;
    private final GuildEventBus bus;
    private final Executor worker;
    private final Duration heartbeatInterval;
    private final IntSupplier boundPort;
    private final String publicHost;
    private final Map<Long, Set<GatewaySession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Set<GatewaySession> sessions = ConcurrentHashMap.newKeySet();
    private final Counter identifies;

    public GatewayHub(AuthService auth, GuildService guilds, GuildEventBus bus, Executor worker,
                      Duration heartbeatInterval, String publicHost, IntSupplier boundPort, MeterRegistry registry) {
        this.auth = auth;
        this.guilds = guilds;
        this.bus = bus;
        this.worker = worker;
        this.heartbeatInterval = heartbeatInterval;
        this.publicHost = publicHost;
        this.boundPort = boundPort;
        Gauge.builder("guildhall.gateway.sessions", sessions, Set::size)
                .description("open gateway WebSocket connections").register(registry);
        Gauge.builder("guildhall.gateway.subscriptions", bus, GuildEventBus::subscriptionCount)
                .description("session-guild subscriptions").register(registry);
        this.identifies = Counter.builder("guildhall.gateway.identifies").description("successful IDENTIFYs")
                .register(registry);
    }

    public String gatewayUrl() {
        return "ws://" + publicHost + ":" + boundPort.getAsInt() + "/gateway";
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** A new connection finished the WebSocket handshake: register it and say HELLO. */
    GatewaySession open(Channel channel) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        GatewaySession session = new GatewaySession(channel, HexFormat.of().formatHex(id));
        sessions.add(session);
        ObjectNode hello = Json.object();
        hello.put("heartbeat_interval", heartbeatInterval.toMillis());
        hello.putArray("_trace").add("guildhall-gateway");
        session.send(GatewayOp.HELLO, hello);
        return session;
    }

    /** The connection is gone: unsubscribe everywhere. */
    void closed(GatewaySession session) {
        session.markClosed();
        sessions.remove(session);
        for (long guildId : session.guilds()) {
            bus.unsubscribe(guildId, session);
        }
        Principal p = session.principal();
        if (p != null) {
            sessionsByUser.computeIfPresent(p.userId(), (k, set) -> {
                set.remove(session);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Handles one decoded client payload (already known to be an object with an integer {@code op}). */
    void receive(GatewaySession session, int op, JsonNode d) {
        switch (op) {
            case GatewayOp.HEARTBEAT -> {
                session.heartbeatReceived();
                session.send(GatewayOp.HEARTBEAT_ACK, null);
            }
            case GatewayOp.IDENTIFY -> {
                if (!session.beginIdentify()) {
                    session.close(GatewayOp.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.");
                    return;
                }
                try {
                    worker.execute(() -> identify(session, d));
                } catch (RejectedExecutionException e) {
                    session.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
                }
            }
            case GatewayOp.RESUME -> {
                // sessions are not resumable yet: tell the client to identify again
                session.send(GatewayOp.INVALID_SESSION, Json.mapper().getNodeFactory().booleanNode(false));
            }
            case GatewayOp.PRESENCE_UPDATE, GatewayOp.VOICE_STATE_UPDATE, GatewayOp.REQUEST_GUILD_MEMBERS,
                 GatewayOp.REQUEST_SOUNDBOARD_SOUNDS -> {
                if (!session.isIdentifying()) {
                    session.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
                }
                // accepted; not acted on by the skeleton
            }
            default -> session.close(GatewayOp.CLOSE_UNKNOWN_OPCODE, "Unknown opcode.");
        }
    }

    /** Checks the heartbeat deadline (interval plus grace); closes a silent session with 4009. */
    void checkHeartbeat(GatewaySession session) {
        long limit = heartbeatInterval.toNanos() + heartbeatInterval.toNanos() / 2 + Duration.ofSeconds(1).toNanos();
        if (session.nanosSinceHeartbeat() > limit) {
            session.close(GatewayOp.CLOSE_SESSION_TIMED_OUT, "Session timed out.");
        }
    }

    private void identify(GatewaySession session, JsonNode d) {
        try {
            if (d == null || !d.isObject() || !d.path("token").isTextual()) {
                session.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                return;
            }
            Principal principal = auth.authenticateGateway(d.get("token").textValue());
            if (principal == null) {
                session.close(GatewayOp.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
                return;
            }
            JsonNode intentsNode = d.get("intents");
            int intents;
            if (intentsNode == null || intentsNode.isNull()) {
                if (principal.isBot()) {
                    session.close(GatewayOp.CLOSE_INVALID_INTENTS, "Invalid intent(s).");
                    return;
                }
                intents = Intents.USER_DEFAULT;
            } else {
                long raw = intentsNode.isIntegralNumber() ? intentsNode.asLong(-1)
                        : intentsNode.isTextual() && intentsNode.textValue().matches("\\d{1,10}")
                        ? Long.parseLong(intentsNode.textValue()) : -1;
                if (!Intents.isValid(raw)) {
                    session.close(GatewayOp.CLOSE_INVALID_INTENTS, "Invalid intent(s).");
                    return;
                }
                intents = (int) raw;
            }
            if (principal.isBot() && Intents.disallowed(intents, principal.applicationFlags()) != 0) {
                session.close(GatewayOp.CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).");
                return;
            }
            session.authenticated(principal, intents);
            long userId = principal.userId();
            sessionsByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session);
            // subscribe first, so nothing committed after this point is missed; it is queued until READY is out
            List<Long> guildIds = guilds.guildIdsOf(userId);
            for (long gid : guildIds) {
                session.guilds().add(gid);
                bus.subscribe(gid, session);
            }
            if (session.isClosed()) {
                closed(session);
                return;
            }
            List<GuildSnapshot> snapshots = guilds.snapshots(userId, guildIds, seesAllMembers(session));
            ObjectNode ready = Json.object();
            ready.put("v", 10);
            ready.set("user", UserViews.self(principal.user()));
            var guildArray = ready.putArray("guilds");
            for (long gid : guildIds) {
                guildArray.addObject().put("id", Json.id(gid)).put("unavailable", true);
            }
            ready.put("session_id", session.sessionId());
            ready.put("session_type", "normal");
            ready.put("resume_gateway_url", gatewayUrl());
            if (d.has("shard") && d.get("shard").isArray()) {
                ready.set("shard", d.get("shard"));
            }
            if (principal.isBot()) {
                ObjectNode app = ready.putObject("application");
                app.put("id", Json.id(principal.applicationId()));
                app.put("flags", principal.applicationFlags());
            }
            ready.putArray("private_channels");
            ready.putArray("relationships");
            ready.putArray("presences");
            ready.putArray("guild_join_requests");
            ready.putArray("geo_ordered_rtc_regions").add("local");
            ready.putObject("auth");
            ready.putArray("_trace").add("guildhall-gateway");
            List<ObjectNode> creates = new ArrayList<>(snapshots.size());
            snapshots.forEach(s -> creates.add(GuildViews.gatewayGuild(s)));
            session.sendReady(ready, creates);
            identifies.increment();
            LOG.info("event=gateway_ready session_id={} user_id={} bot={} guilds={} intents={}", session.sessionId(),
                    userId, principal.isBot(), guildIds.size(), intents);
        } catch (RuntimeException e) {
            LOG.error("event=gateway_identify_failed session_id={} error={}", session.sessionId(), e.toString(), e);
            session.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
        }
    }

    /**
     * A user joined a guild: GUILD_MEMBER_ADD to the guild's sessions with the GUILD_MEMBERS intent, then the
     * joiner's live sessions are subscribed and get GUILD_CREATE.
     */
    @Override
    public void memberAdded(long guildId, long userId) {
        Member member = guilds.member(guildId, userId);
        if (member != null) {
            ObjectNode add = GuildViews.member(member, true);
            add.put("guild_id", Json.id(guildId));
            bus.publish(guildId, new Dispatch("GUILD_MEMBER_ADD", add, Intents.GUILD_MEMBERS, false, 0));
        }
        Set<GatewaySession> userSessions = sessionsByUser.get(userId);
        if (userSessions == null || userSessions.isEmpty()) {
            return;
        }
        ObjectNode[] creates = new ObjectNode[2]; // [members: self only, all members], built on demand
        for (GatewaySession s : userSessions) {
            if (s.principal() == null || !s.guilds().add(guildId)) {
                continue;
            }
            int variant = seesAllMembers(s) ? 1 : 0;
            if (creates[variant] == null) {
                List<GuildSnapshot> snapshot = guilds.snapshots(userId, List.of(guildId), variant == 1);
                if (snapshot.isEmpty()) {
                    s.guilds().remove(guildId);
                    continue;
                }
                creates[variant] = GuildViews.gatewayGuild(snapshot.get(0));
            }
            s.dispatchDirect("GUILD_CREATE", creates[variant]);
            bus.subscribe(guildId, s);
        }
    }

    /** Discord lists all members in GUILD_CREATE only for users and for bots with GUILD_PRESENCES. */
    private static boolean seesAllMembers(GatewaySession s) {
        Principal p = s.principal();
        return p != null && (!p.isBot() || (s.intents() & Intents.GUILD_PRESENCES) != 0);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Closes every session (shutdown). */
    public void closeAll() {
        for (GatewaySession s : sessions) {
            s.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Server shutting down.");
        }
    }
}

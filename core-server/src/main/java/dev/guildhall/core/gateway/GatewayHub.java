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
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The gateway's protocol logic: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME, RECONNECT at shutdown,
 * and keeping sessions subscribed to their guilds on the {@link GuildEventBus}. Blocking work (token and guild
 * lookups) runs on the worker executor, never on the event loop.
 *
 * <p>A session outlives its connection: when the connection drops (any way but a client close with 1000/1001) the
 * session stays subscribed and keeps buffering for {@code resumeTimeout}; a RESUME within that time replays what
 * was missed. Sessions live in this process's memory only, so a RESUME after a restart gets INVALID_SESSION.
 */
public final class GatewayHub implements MembershipListener, UserDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHub.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthService auth;
    private final GuildService guilds;
    private final GuildEventBus bus;
    private final ChannelVisibility visibility;
    private final LocalSessionCoordinator local;
    private volatile SessionCoordinator coordinator;
    private volatile GatewayPeers peers = GatewayPeers.NONE;
    private final Executor worker;
    private final Duration heartbeatInterval;
    private final IntSupplier boundPort;
    private final String publicHost;
    private final int resumeBufferEvents;
    private final Duration resumeTimeout;
    private final Map<Long, Set<GatewaySession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, GatewaySession> sessionsById = new ConcurrentHashMap<>();
    private final Set<GatewayConnection> sessions = ConcurrentHashMap.newKeySet();
    private final Counter identifies;
    private volatile VoiceStateHandler voiceStates = VoiceStateHandler.NONE;
    private final Counter resumes;

    /** Default resume settings: 1000 buffered dispatches per session, resumable for 3 minutes after a drop. */
    public static final int DEFAULT_RESUME_BUFFER_EVENTS = 1000;
    public static final Duration DEFAULT_RESUME_TIMEOUT = Duration.ofMinutes(3);

    public GatewayHub(AuthService auth, GuildService guilds, GuildEventBus bus, ChannelVisibility visibility,
                      PresenceTracker.Sink presenceEvents, Executor worker,
                      Duration heartbeatInterval, String publicHost, IntSupplier boundPort, MeterRegistry registry,
                      int resumeBufferEvents, Duration resumeTimeout) {
        if (resumeBufferEvents < 1 || resumeTimeout.isNegative()) {
            throw new IllegalArgumentException("resume buffer must hold >= 1 event and the timeout be >= 0");
        }
        this.resumeBufferEvents = resumeBufferEvents;
        this.resumeTimeout = resumeTimeout;
        this.auth = auth;
        this.guilds = guilds;
        this.bus = bus;
        this.visibility = visibility;
        this.local = new LocalSessionCoordinator(new PresenceTracker(bus, presenceEvents));
        this.coordinator = local;
        this.worker = worker;
        this.heartbeatInterval = heartbeatInterval;
        this.publicHost = publicHost;
        this.boundPort = boundPort;
        Gauge.builder("guildhall.gateway.sessions", sessions, Set::size)
                .description("open gateway WebSocket connections").register(registry);
        Gauge.builder("guildhall.gateway.subscriptions", bus, GuildEventBus::subscriptionCount)
                .description("session-guild subscriptions").register(registry);
        Gauge.builder("guildhall.gateway.resumable.sessions", sessionsById, Map::size)
                .description("identified sessions, attached or waiting for a RESUME").register(registry);
        this.identifies = Counter.builder("guildhall.gateway.identifies").description("successful IDENTIFYs")
                .register(registry);
        this.resumes = Counter.builder("guildhall.gateway.resumes").description("successful RESUMEs")
                .register(registry);
    }

    /** Who handles op 4 and lists voice states in GUILD_CREATE (set once at start, before clients connect). */
    public void voiceStates(VoiceStateHandler handler) {
        this.voiceStates = handler;
    }

    /**
     * Where presences and session start limits live (set once at start): this process by default; a gateway node
     * asks the primary.
     */
    public void coordinator(SessionCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** The coordinator the primary answers its gateway nodes from. */
    public SessionCoordinator coordinator() {
        return coordinator;
    }

    /** The voice state handler (the primary answers its gateway nodes' GUILD_CREATE voice states from it). */
    public VoiceStateHandler voiceStates() {
        return voiceStates;
    }

    /** The gateway nodes linked to this primary (set once at start, before clients connect). */
    public void peers(GatewayPeers peers) {
        this.peers = peers;
    }

    public String gatewayUrl() {
        return "ws://" + publicHost + ":" + boundPort.getAsInt() + "/gateway";
    }

    /** Where new clients connect ({@code GET /gateway}): the least-loaded linked gateway node, else this process. */
    public String connectUrl() {
        String node = peers.leastLoadedNode();
        return node != null ? node : gatewayUrl();
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    private static String randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A new connection finished the WebSocket handshake: register it and say HELLO. */
    GatewayConnection open(Channel channel, boolean zlibStream) {
        GatewayConnection connection = new GatewayConnection(channel, randomId(), zlibStream);
        sessions.add(connection);
        ObjectNode hello = Json.object();
        hello.put("heartbeat_interval", heartbeatInterval.toMillis());
        hello.putArray("_trace").add("guildhall-gateway");
        connection.send(GatewayOp.HELLO, hello);
        return connection;
    }

    /**
     * The connection is gone. Its session stays resumable for {@code resumeTimeout} (buffering meanwhile), unless
     * the client closed with 1000 or 1001, which ends the session as on Discord.
     */
    void closed(GatewayConnection connection) {
        connection.released();
        sessions.remove(connection);
        detachSession(connection);
    }

    private void detachSession(GatewayConnection connection) {
        GatewaySession session = connection.session();
        if (session == null) {
            return;
        }
        long detached = session.detach(connection);
        if (detached < 0) {
            if (session.isInvalidated()) {
                end(session); // e.g. it fell further behind than its buffer reaches
            }
            return; // otherwise already resumed on another connection
        }
        int clientCode = connection.clientCloseCode();
        if (clientCode == 1000 || clientCode == 1001 || resumeTimeout.isZero()) {
            end(session);
            return;
        }
        LOG.debug("event=gateway_session_detached session_id={} client_close_code={}", session.sessionId(), clientCode);
        try {
            connection.channel().eventLoop().schedule(() -> {
                if (session.expireIf(detached)) {
                    LOG.debug("event=gateway_session_expired session_id={}", session.sessionId());
                    end(session);
                }
            }, resumeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            end(session);
        }
    }

    /** Ends a session for good: unsubscribed everywhere, not resumable; the user may go offline. */
    private void end(GatewaySession session) {
        session.invalidate();
        voiceStates.sessionEnded(session);
        coordinator.presenceEnded(session.principal().userId(), session.sessionId(), session.guilds());
        sessionsById.remove(session.sessionId(), session);
        for (long guildId : session.guilds()) {
            bus.unsubscribe(guildId, session);
        }
        sessionsByUser.computeIfPresent(session.principal().userId(), (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Tokens were revoked (committed): the sessions identified with them end (not resumable) and their
     * connections close with 4004. {@code tokenHash} null means every token of the user.
     */
    public void tokensRevoked(long userId, byte[] tokenHash) {
        peers.tokensRevoked(userId, tokenHash);
        Set<GatewaySession> userSessions = sessionsByUser.get(userId);
        if (userSessions == null) {
            return;
        }
        for (GatewaySession s : List.copyOf(userSessions)) {
            if (tokenHash == null || Arrays.equals(tokenHash, s.tokenHash())) {
                revoke(s);
            }
        }
    }

    private void revoke(GatewaySession session) {
        GatewayConnection c = session.connection();
        end(session);
        if (c != null) {
            c.close(GatewayOp.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
        }
        LOG.info("event=gateway_session_revoked session_id={} user_id={}", session.sessionId(),
                session.principal().userId());
    }

    /** Handles one decoded client payload (already known to be an object with an integer {@code op}). */
    void receive(GatewayConnection connection, int op, JsonNode d) {
        switch (op) {
            case GatewayOp.HEARTBEAT -> {
                if (d != null && !d.isNull() && !(d.isIntegralNumber() && d.canConvertToLong())) {
                    // d is the last sequence number received, or null
                    connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                    return;
                }
                connection.heartbeatReceived();
                connection.send(GatewayOp.HEARTBEAT_ACK, null);
            }
            case GatewayOp.IDENTIFY, GatewayOp.RESUME -> {
                if (!connection.beginIdentify()) {
                    connection.close(GatewayOp.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.");
                    return;
                }
                try {
                    worker.execute(() -> {
                        if (op == GatewayOp.IDENTIFY) {
                            identify(connection, d);
                        } else {
                            resume(connection, d);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    connection.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
                }
            }
            case GatewayOp.PRESENCE_UPDATE -> {
                if (!connection.isIdentifying()) {
                    connection.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
                    return;
                }
                Presence presence;
                try {
                    presence = Presence.parse(d, System.currentTimeMillis());
                } catch (IllegalArgumentException e) {
                    connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                    return;
                }
                GatewaySession session = connection.session();
                if (session != null && !session.isInvalidated()) {
                    coordinator.presenceSet(session.principal().userId(), session.sessionId(), presence, session.guilds());
                }
            }
            case GatewayOp.REQUEST_GUILD_MEMBERS -> requestGuildMembers(connection, d);
            case GatewayOp.VOICE_STATE_UPDATE -> {
                if (!connection.isIdentifying()) {
                    connection.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
                    return;
                }
                VoiceStateRequest request;
                try {
                    request = VoiceStateRequest.parse(d);
                } catch (IllegalArgumentException e) {
                    connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                    return;
                }
                GatewaySession session = connection.session();
                if (session == null || session.isInvalidated()) {
                    return; // still identifying: nothing to attach the voice state to yet
                }
                try {
                    worker.execute(() -> voiceStates.update(session, request));
                } catch (RejectedExecutionException e) {
                    connection.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
                }
            }
            case GatewayOp.REQUEST_SOUNDBOARD_SOUNDS -> {
                if (!connection.isIdentifying()) {
                    connection.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
                }
                // accepted; not acted on by the skeleton
            }
            default -> connection.close(GatewayOp.CLOSE_UNKNOWN_OPCODE, "Unknown opcode.");
        }
    }

    /**
     * Op 8: GUILD_MEMBERS_CHUNK dispatches to this session only (read on the worker). A request for a guild the
     * session is not in is ignored; the whole list without the GUILD_MEMBERS intent is answered with one empty chunk
     * (see docs/decisions.md).
     */
    private void requestGuildMembers(GatewayConnection connection, JsonNode d) {
        if (!connection.isIdentifying()) {
            connection.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
            return;
        }
        GuildMemberRequest request = GuildMemberRequest.parse(d);
        if (request == null) {
            connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
            return;
        }
        GatewaySession session = connection.session();
        if (session == null || session.isInvalidated() || !session.guilds().contains(request.guildId())) {
            return;
        }
        boolean allowed = !request.wholeList() || (session.intents() & Intents.GUILD_MEMBERS) != 0;
        SessionCoordinator withPresences = request.presences() && wantsPresences(session) ? coordinator : null;
        try {
            worker.execute(() -> {
                List<Member> members = allowed ? guilds.requestedMembers(request.guildId(), request.userIds(),
                        request.query(), request.limit()) : List.of();
                for (ObjectNode chunk : request.chunks(members, withPresences)) {
                    session.dispatchDirect("GUILD_MEMBERS_CHUNK", chunk);
                }
            });
        } catch (RejectedExecutionException e) {
            connection.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
        }
    }

    /**
     * Checks the heartbeat deadline (interval plus grace); closes a silent connection with 4009. Its session stays
     * resumable: Discord's clients resume after 4009 or start over, both work.
     */
    void checkHeartbeat(GatewayConnection connection) {
        long limit = heartbeatInterval.toNanos() + heartbeatInterval.toNanos() / 2 + Duration.ofSeconds(1).toNanos();
        if (connection.nanosSinceHeartbeat() > limit) {
            connection.close(GatewayOp.CLOSE_SESSION_TIMED_OUT, "Session timed out.");
        }
    }

    /**
     * Op 6: {@code {token, session_id, seq}}. Success replays every dispatch after {@code seq} with its original
     * {@code s}, then RESUMED; an unknown or ended session, another user's token, or a {@code seq} the buffer no
     * longer reaches gets op 9 {@code false}. A token that does not authenticate closes with 4004.
     */
    private void resume(GatewayConnection connection, JsonNode d) {
        try {
            if (d == null || !d.isObject() || !d.path("token").isTextual() || !d.path("session_id").isTextual()
                    || !(d.path("seq").isIntegralNumber() || d.path("seq").isNull() || d.path("seq").isMissingNode())) {
                connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                return;
            }
            Principal principal = auth.authenticateGateway(d.get("token").textValue());
            if (principal == null) {
                connection.close(GatewayOp.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
                return;
            }
            long seq = d.path("seq").asLong(0);
            GatewaySession session = sessionsById.get(d.get("session_id").textValue());
            GatewaySession.ResumeResult result = session == null || session.principal().userId() != principal.userId()
                    || connection.isClosed() ? null : session.resume(connection, seq);
            if (result == null || !result.resumed()) {
                LOG.info("event=gateway_resume_refused session_id={} user_id={} seq={} known={}",
                        d.get("session_id").textValue(), principal.userId(), seq, session != null);
                connection.identifyFailed();
                connection.send(GatewayOp.INVALID_SESSION, Json.mapper().getNodeFactory().booleanNode(false));
                return;
            }
            if (result.replaced() != null) {
                result.replaced().close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Session resumed on another connection.");
            }
            if (connection.isClosed()) {
                detachSession(connection); // dropped while resuming (channelInactive may have run before the attach)
            }
            session.tokenHash(AuthService.presentedTokenHash(d.get("token").textValue()));
            if (auth.authenticateGateway(d.get("token").textValue()) == null) {
                revoke(session); // the token was revoked while resuming
                return;
            }
            resumes.increment();
            LOG.info("event=gateway_resumed session_id={} user_id={} seq={}", session.sessionId(),
                    principal.userId(), seq);
        } catch (RuntimeException e) {
            LOG.error("event=gateway_resume_failed error={}", e.toString(), e);
            connection.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
        }
    }

    private void identify(GatewayConnection connection, JsonNode d) {
        try {
            if (d == null || !d.isObject() || !d.path("token").isTextual()) {
                connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                return;
            }
            Principal principal = auth.authenticateGateway(d.get("token").textValue());
            if (principal == null) {
                connection.close(GatewayOp.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
                return;
            }
            JsonNode intentsNode = d.get("intents");
            int intents;
            if (intentsNode == null || intentsNode.isNull()) {
                if (principal.isBot()) {
                    connection.close(GatewayOp.CLOSE_INVALID_INTENTS, "Invalid intent(s).");
                    return;
                }
                intents = Intents.USER_DEFAULT;
            } else {
                long raw = intentsNode.isIntegralNumber() ? intentsNode.asLong(-1)
                        : intentsNode.isTextual() && intentsNode.textValue().matches("\\d{1,10}")
                        ? Long.parseLong(intentsNode.textValue()) : -1;
                if (!Intents.isValid(raw)) {
                    connection.close(GatewayOp.CLOSE_INVALID_INTENTS, "Invalid intent(s).");
                    return;
                }
                intents = (int) raw;
            }
            if (principal.isBot() && Intents.disallowed(intents, principal.applicationFlags()) != 0) {
                connection.close(GatewayOp.CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).");
                return;
            }
            Presence presence = Presence.online();
            JsonNode presenceNode = d.get("presence");
            if (presenceNode != null && !presenceNode.isNull()) {
                try {
                    presence = Presence.parse(presenceNode, System.currentTimeMillis());
                } catch (IllegalArgumentException e) {
                    connection.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
                    return;
                }
            }
            if (!coordinator.tryStartSession(principal.userId())) {
                // session start limit exhausted: op 9, as Discord does; the client may IDENTIFY again later
                LOG.info("event=gateway_session_start_limit user_id={}", principal.userId());
                connection.identifyFailed();
                connection.send(GatewayOp.INVALID_SESSION, Json.mapper().getNodeFactory().booleanNode(false));
                return;
            }
            GatewaySession session = new GatewaySession(randomId(), principal, intents, resumeBufferEvents,
                    visibility, connection);
            session.tokenHash(AuthService.presentedTokenHash(d.get("token").textValue()));
            connection.session(session);
            sessionsById.put(session.sessionId(), session);
            long userId = principal.userId();
            sessionsByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session);
            if (auth.authenticateGateway(d.get("token").textValue()) == null) {
                revoke(session); // revoked while identifying: the revocation may have missed this session
                return;
            }
            // subscribe first, so nothing committed after this point is missed; it is queued until READY is out
            List<Long> guildIds = guilds.guildIdsOf(userId);
            for (long gid : guildIds) {
                session.guilds().add(gid);
                bus.subscribe(gid, session);
            }
            if (connection.isClosed()) {
                end(session); // gone before READY: nobody knows this session id
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
            for (GuildSnapshot s : snapshots) {
                ObjectNode create = GuildViews.gatewayGuild(s);
                create.set("voice_states", voiceStates.voiceStates(s.guild().id()));
                creates.add(withPresences(session, s, create));
            }
            session.sendReady(ready, creates);
            coordinator.presenceSet(userId, session.sessionId(), presence, session.guilds());
            identifies.increment();
            LOG.info("event=gateway_ready session_id={} user_id={} bot={} guilds={} intents={}", session.sessionId(),
                    userId, principal.isBot(), guildIds.size(), intents);
        } catch (RuntimeException e) {
            LOG.error("event=gateway_identify_failed connection_id={} error={}", connection.connectionId(), e.toString(),
                    e);
            connection.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Unknown error.");
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
        peers.memberJoined(guildId, userId);
        sessionsJoined(guildId, userId);
    }

    /** The user joined the guild: its live sessions on this node are subscribed and get GUILD_CREATE. */
    public void sessionsJoined(long guildId, long userId) {
        Set<GatewaySession> userSessions = sessionsByUser.get(userId);
        if (userSessions == null || userSessions.isEmpty()) {
            return;
        }
        ObjectNode[] creates = new ObjectNode[2]; // [members: self only, all members], built on demand
        GuildSnapshot[] snapshots = new GuildSnapshot[2];
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
                creates[variant].set("voice_states", voiceStates.voiceStates(guildId));
                snapshots[variant] = snapshot.get(0);
            }
            ObjectNode create = wantsPresences(s)
                    ? withPresences(s, snapshots[variant], creates[variant].deepCopy()) : creates[variant];
            s.dispatchDirect("GUILD_CREATE", create);
            bus.subscribe(guildId, s);
        }
    }

    /** A member left or was removed: its sessions stop receiving the guild's events and get GUILD_DELETE {id}. */
    @Override
    public void memberRemoved(long guildId, long userId) {
        peers.memberRemoved(guildId, userId);
        Set<GatewaySession> userSessions = sessionsByUser.get(userId);
        if (userSessions != null) {
            userSessions.forEach(s -> leaveGuild(s, guildId));
        }
    }

    /** The guild was deleted: every session in it gets GUILD_DELETE {id} and is unsubscribed. */
    @Override
    public void guildDeleted(long guildId) {
        peers.guildDeleted(guildId);
        sessionsByUser.values().forEach(set -> set.forEach(s -> leaveGuild(s, guildId)));
    }

    private void leaveGuild(GatewaySession s, long guildId) {
        if (s.guilds().remove(guildId)) {
            bus.unsubscribe(guildId, s);
            voiceStates.guildLeft(s, guildId);
            s.dispatchDirect("GUILD_DELETE", Json.object().put("id", Json.id(guildId)));
        }
    }

    @Override
    public void dispatchToUser(long guildId, long userId, Dispatch dispatch, int skipIntent) {
        peers.dispatchToUser(guildId, userId, dispatch, skipIntent);
        for (GatewaySession s : sessionsByUser.getOrDefault(userId, Set.of())) {
            if (s.guilds().contains(guildId) && (skipIntent == 0 || (s.intents() & skipIntent) == 0)) {
                s.onDispatch(guildId, dispatch);
            }
        }
    }

    /**
     * Delivers a dispatch to every session of one user, whatever guilds they follow: INTERACTION_CREATE to an
     * application's bot, an ephemeral message to the user who invoked the interaction. Intents still apply.
     */
    public void dispatchToUser(long userId, Dispatch dispatch) {
        peers.dispatchToUser(userId, dispatch);
        Set<GatewaySession> userSessions = sessionsByUser.get(userId);
        if (userSessions == null) {
            return;
        }
        for (GatewaySession s : userSessions) {
            s.onDispatch(0, dispatch);
        }
    }

    /** Delivers a dispatch to one session of this node, if it is still live (a gateway node: {@code sd} frames). */
    void dispatchToSession(String sessionId, String type, ObjectNode data) {
        GatewaySession s = sessionsById.get(sessionId);
        if (s != null && !s.isInvalidated()) {
            s.dispatchDirect(type, data);
        }
    }

    private static boolean wantsPresences(GatewaySession s) {
        return (s.intents() & Intents.GUILD_PRESENCES) != 0;
    }

    /** GUILD_CREATE lists the presences of its members (those not offline) for sessions with GUILD_PRESENCES. */
    private ObjectNode withPresences(GatewaySession session, GuildSnapshot snapshot, ObjectNode create) {
        if (wantsPresences(session)) {
            List<Long> members = new ArrayList<>(snapshot.members().size());
            snapshot.members().forEach(m -> members.add(m.user().id()));
            create.set("presences", coordinator.presences(snapshot.guild().id(), members));
        }
        return create;
    }

    /** The session start limit of an account, as {@code GET /gateway/bot} reports it. */
    SessionStartLimiter.Limit sessionStartLimit(long userId) {
        return local.sessionStartLimit(userId);
    }

    /** Discord lists all members in GUILD_CREATE only for users and for bots with GUILD_PRESENCES. */
    private static boolean seesAllMembers(GatewaySession s) {
        Principal p = s.principal();
        return p != null && (!p.isBot() || (s.intents() & Intents.GUILD_PRESENCES) != 0);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Shutdown: every connection gets op 7 RECONNECT and is closed with 4000 (a code after which Discord's clients
     * resume); waits up to 2 s for the close frames to go out. The sessions end with this process, so the RESUME
     * that follows gets INVALID_SESSION from the next server and the client identifies again.
     */
    public void closeAll() {
        reconnectAll();
    }

    /**
     * A gateway node lost its link to the primary: every session ends (a RESUME gets INVALID_SESSION, since the
     * events of the gap are gone), then every connection gets RECONNECT and is closed with 4000 so its client
     * identifies again.
     */
    public void endAllSessions() {
        sessionsById.values().forEach(this::end);
        reconnectAll();
    }

    private void reconnectAll() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (GatewayConnection c : sessions) {
            c.send(GatewayOp.RECONNECT, null);
            closing.add(c.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Server restarting: reconnect and resume."));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The primary's end of the gateway links: accepts gateway nodes on a TCP port, checks their shared secret, and
 * streams them every guild dispatch, user dispatch, membership change, token revocation and permission-change
 * marker in the order the primary publishes them (one bounded queue and one writer thread per node). A node that
 * falls {@code queueFrames} behind is disconnected (it then tells its clients to reconnect) rather than silently
 * skipped. Answers the nodes' calls (session start limit, presences, voice states) from the primary's memory,
 * applies the op 4 of the nodes' sessions ({@link RemoteVoiceSession}: their VOICE_SERVER_UPDATE goes back over the
 * link), and when a node's link ends, ends the presences and voice states of that node's sessions.
 */
public final class GatewayLinkServer implements GatewayPeers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLinkServer.class);
    /** A link silent for this long is dead (both ends send a ping every {@link #PING_MILLIS}). */
    static final int SILENCE_MILLIS = 15_000;
    static final long PING_MILLIS = 5_000;
    private static final byte[] PING = LinkFrames.bytes(LinkFrames.frame("ping"));

    private final byte[] secret;
    private final int queueFrames;
    private volatile GatewayHub hub;
    private final Set<NodeLink> links = ConcurrentHashMap.newKeySet();
    private final Counter overflows;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-link-ping");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket server;
    private volatile boolean closed;

    public GatewayLinkServer(String secret, int queueFrames, MeterRegistry registry) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.queueFrames = queueFrames;
        Gauge.builder("guildhall.gateway.link.nodes", links, Set::size)
                .description("gateway nodes linked to this primary").register(registry);
        this.overflows = Counter.builder("guildhall.gateway.link.overflows")
                .description("gateway node links dropped because the node fell too far behind").register(registry);
    }

    /**
     * Listens on {@code bindHost:port} (0 = any free port); returns the bound port. {@code hub} is the primary's
     * (its coordinator and voice states answer the nodes' calls).
     */
    public int start(GatewayHub hub, String bindHost, int port) {
        this.hub = hub;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for gateway nodes on " + bindHost + ":" + port + ": " + e, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "gateway-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        pinger.scheduleAtFixedRate(() -> links.forEach(l -> l.enqueue(PING)), PING_MILLIS, PING_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("event=gateway_link_listening port={}", server.getLocalPort());
        return server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Gateway nodes linked now (their gateway URLs). */
    public List<String> nodes() {
        return links.stream().map(l -> l.nodeUrl).filter(u -> u != null).sorted().toList();
    }

    @Override
    public String leastLoadedNode() {
        NodeLink best = null;
        for (NodeLink l : links) {
            if (l.nodeUrl != null && (best == null || l.connections < best.connections)) {
                best = l;
            }
        }
        return best == null ? null : best.nodeUrl;
    }

    /** The primary's bus: fans out in this process and streams every publish and permission change to the nodes. */
    public GuildEventBus bus(GuildEventBus local) {
        return new GuildEventBus() {
            @Override
            public void subscribe(long guildId, GuildEventListener listener) {
                local.subscribe(guildId, listener);
            }

            @Override
            public void unsubscribe(long guildId, GuildEventListener listener) {
                local.unsubscribe(guildId, listener);
            }

            @Override
            public void publish(long guildId, Dispatch dispatch) {
                local.publish(guildId, dispatch);
                broadcast(LinkFrames.withDispatch(LinkFrames.frame("g").put("g", guildId), dispatch));
            }

            @Override
            public <T> T permissionChange(long guildId, Supplier<T> transaction) {
                // on the same ordered link as the dispatches: a node reads the guild's visibility from the
                // database from before the change starts until after it has committed
                broadcast(LinkFrames.frame("pb").put("g", guildId));
                try {
                    return local.permissionChange(guildId, transaction);
                } finally {
                    broadcast(LinkFrames.frame("pe").put("g", guildId));
                }
            }

            @Override
            public void onPermissionChange(LongConsumer listener) {
                local.onPermissionChange(listener);
            }

            @Override
            public int subscriptionCount() {
                return local.subscriptionCount();
            }
        };
    }

    private void broadcast(ObjectNode frame) {
        if (links.isEmpty()) {
            return;
        }
        byte[] bytes = LinkFrames.bytes(frame);
        for (NodeLink l : links) {
            l.enqueue(bytes);
        }
    }

    @Override
    public void memberJoined(long guildId, long userId) {
        broadcast(LinkFrames.frame("join").put("g", guildId).put("u", userId));
    }

    @Override
    public void memberRemoved(long guildId, long userId) {
        broadcast(LinkFrames.frame("leave").put("g", guildId).put("u", userId));
    }

    @Override
    public void guildDeleted(long guildId) {
        broadcast(LinkFrames.frame("gdel").put("g", guildId));
    }

    @Override
    public void dispatchToUser(long guildId, long userId, Dispatch dispatch, int skipIntent) {
        broadcast(LinkFrames.withDispatch(LinkFrames.frame("u").put("g", guildId).put("u", userId)
                .put("skip", skipIntent), dispatch));
    }

    @Override
    public void dispatchToUser(long userId, Dispatch dispatch) {
        broadcast(LinkFrames.withDispatch(LinkFrames.frame("ua").put("u", userId), dispatch));
    }

    @Override
    public void tokensRevoked(long userId, byte[] tokenHash) {
        ObjectNode f = LinkFrames.frame("revoke").put("u", userId);
        if (tokenHash != null) {
            f.put("h", Base64.getEncoder().encodeToString(tokenHash));
        }
        broadcast(f);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                NodeLink link = new NodeLink(socket);
                Thread reader = new Thread(link::run, "gateway-link-" + socket.getRemoteSocketAddress());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("event=gateway_link_accept_failed error={}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pinger.shutdownNow();
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.warn("event=gateway_link_close_failed error={}", e.toString());
        }
        links.forEach(l -> l.drop("primary stopping"));
    }

    /** One gateway node: a reader (this thread: hello, then calls and presences) and a writer thread. */
    private final class NodeLink {
        private static final byte[] STOP = new byte[0];
        private final Socket socket;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(queueFrames);
        /** sessionId → {userId, guilds}: the presences this node's sessions hold on the primary. */
        private final Map<String, SessionPresence> presences = new ConcurrentHashMap<>();
        /** sessionId → the node's sessions that sent op 4: the voice states they may hold on the primary. */
        private final Map<String, RemoteVoiceSession> voiceSessions = new ConcurrentHashMap<>();
        private volatile String nodeUrl;
        /** Gateway connections the node last reported ({@code sessions} frames). */
        private volatile int connections;
        private volatile boolean dropped;

        private record SessionPresence(long userId, List<Long> guilds) {
        }

        NodeLink(Socket socket) {
            this.socket = socket;
        }

        void enqueue(byte[] frame) {
            if (dropped) {
                return;
            }
            if (!queue.offer(frame)) {
                overflows.increment();
                drop("node fell " + queueFrames + " frames behind");
            }
        }

        void run() {
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(SILENCE_MILLIS);
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                ObjectNode hello = LinkFrames.read(in);
                byte[] presented = hello.path("secret").asText("").getBytes(StandardCharsets.UTF_8);
                if (!"hello".equals(hello.get("t").asText()) || !MessageDigest.isEqual(secret, presented)) {
                    LOG.warn("event=gateway_link_refused remote={} reason=bad_secret", socket.getRemoteSocketAddress());
                    socket.close();
                    return;
                }
                nodeUrl = hello.path("node").asText(null);
                Thread writer = new Thread(this::writeLoop, "gateway-link-writer-" + nodeUrl);
                writer.setDaemon(true);
                enqueue(LinkFrames.bytes(LinkFrames.frame("welcome")));
                links.add(this); // from here on every publish reaches this node, after the welcome
                writer.start();
                LOG.info("event=gateway_node_linked node={} remote={}", nodeUrl, socket.getRemoteSocketAddress());
                while (!dropped) {
                    handle(LinkFrames.read(in));
                }
            } catch (SocketTimeoutException e) {
                drop("silent for " + SILENCE_MILLIS + " ms");
            } catch (IOException | RuntimeException e) {
                drop(e.toString());
            }
        }

        private void handle(ObjectNode f) {
            GatewayHub h = hub;
            SessionCoordinator coordinator = h.coordinator();
            switch (f.get("t").asText()) {
                case "ping" -> {
                }
                case "call" -> {
                    ObjectNode reply = LinkFrames.frame("reply").put("id", f.path("id").asLong());
                    switch (f.path("op").asText()) {
                        case "start" -> reply.put("ok", coordinator.tryStartSession(f.path("u").asLong()));
                        case "presences" -> reply.set("r", coordinator.presences(f.path("g").asLong(),
                                LinkFrames.ids(f.path("users"))));
                        case "voice_states" -> reply.set("r", h.voiceStates().voiceStates(f.path("g").asLong()));
                        default -> reply.put("error", "unknown call " + f.path("op").asText());
                    }
                    enqueue(LinkFrames.bytes(reply));
                }
                case "presence" -> {
                    long userId = f.path("u").asLong();
                    String sessionId = f.path("s").asText();
                    List<Long> guilds = LinkFrames.ids(f.path("guilds"));
                    presences.put(sessionId, new SessionPresence(userId, guilds));
                    coordinator.presenceSet(userId, sessionId, LinkFrames.presence(f.path("p")), guilds);
                    if (dropped && presences.remove(sessionId) != null) {
                        coordinator.presenceEnded(userId, sessionId, guilds); // raced the drop's cleanup
                    }
                }
                case "presence_end" -> {
                    String sessionId = f.path("s").asText();
                    if (presences.remove(sessionId) != null) {
                        coordinator.presenceEnded(f.path("u").asLong(), sessionId, LinkFrames.ids(f.path("guilds")));
                    }
                }
                case "sessions" -> connections = f.path("n").asInt();
                case "voice" -> {
                    String sessionId = f.path("s").asText();
                    RemoteVoiceSession session = voiceSessions.computeIfAbsent(sessionId, id ->
                            new RemoteVoiceSession(id, f.path("u").asLong(), f.path("i").asInt(),
                                    frame -> enqueue(LinkFrames.bytes(frame))));
                    h.voiceStates().update(session, new VoiceStateRequest(f.path("g").asLong(), f.path("c").asLong(),
                            f.path("mute").asBoolean(), f.path("deaf").asBoolean(), f.path("video").asBoolean()));
                    if (dropped && voiceSessions.remove(sessionId) != null) {
                        h.voiceStates().sessionEnded(session); // raced the drop's cleanup
                    }
                }
                case "voice_end" -> {
                    RemoteVoiceSession session = voiceSessions.remove(f.path("s").asText());
                    if (session != null) {
                        h.voiceStates().sessionEnded(session);
                    }
                }
                case "voice_left" -> {
                    RemoteVoiceSession session = voiceSessions.get(f.path("s").asText());
                    if (session != null) {
                        h.voiceStates().guildLeft(session, f.path("g").asLong());
                    }
                }
                default -> throw new IllegalArgumentException("unexpected link frame " + f.get("t").asText());
            }
        }

        private void writeLoop() {
            try {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 65536));
                while (true) {
                    byte[] frame = queue.take();
                    if (frame == STOP) {
                        return;
                    }
                    LinkFrames.write(out, frame);
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
            } catch (IOException e) {
                drop(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Ends the link: the node notices and tells its clients to reconnect; its sessions' presences end here. */
        synchronized void drop(String reason) {
            if (dropped) {
                return;
            }
            dropped = true;
            links.remove(this);
            queue.clear();
            queue.offer(STOP);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            SessionCoordinator coordinator = hub.coordinator();
            presences.forEach((sessionId, p) -> coordinator.presenceEnded(p.userId(), sessionId, p.guilds()));
            presences.clear();
            VoiceStateHandler voice = hub.voiceStates();
            voiceSessions.values().forEach(voice::sessionEnded);
            voiceSessions.clear();
            LOG.warn("event=gateway_node_unlinked node={} reason={}", nodeUrl, reason);
        }
    }
}

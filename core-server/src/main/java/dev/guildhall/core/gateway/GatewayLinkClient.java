package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A gateway node's end of its link to the primary. One thread reads the link: replies complete their calls, every
 * other frame goes, in order, to one event thread that delivers it to this node's sessions (guild dispatches through
 * the local bus, permission-change markers to {@link ChannelVisibility}, user dispatches, joins, leaves,
 * revocations). The event thread may block on a call (a GUILD_CREATE's presences) while the reader goes on.
 *
 * <p>Failure semantics: when the link breaks (closed, silent for 15 s, the node too far behind) the node is
 * unlinked at once (IDENTIFYs fail with 4000 while unlinked), every session ends so that a RESUME gets
 * INVALID_SESSION, every client gets RECONNECT (op 7), and the node reconnects every {@code reconnectDelay}. Once
 * linked again it ends any session that began during the gap before it accepts IDENTIFYs.
 */
public final class GatewayLinkClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLinkClient.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How often the node reports its connection count to the primary (only when it changed). */
    static final long LOAD_MILLIS = 500;

    /** The link went up (welcome received) or down, in link epoch {@code epoch}. */
    private record Marker(boolean up, long epoch) {
    }

    private final String host;
    private final int port;
    private final String secret;
    private final Duration reconnectDelay;
    private final Supplier<String> nodeUrl;
    private final GatewayHub hub;
    private final GuildEventBus bus;
    private final ChannelVisibility visibility;
    private final BlockingQueue<Object> events;
    private final Map<Long, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final Object writeLock = new Object();
    private final Counter losses;
    /** Open permission changes per guild (event thread only). */
    private final Map<Long, Deque<ChannelVisibility.PermissionChange>> changes = new HashMap<>();
    private long epoch; // guarded by this
    private volatile boolean linked;
    private volatile DataOutputStream out;
    private volatile Socket socket;
    private volatile boolean closed;
    private Thread reader;
    private Thread delivery;
    private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-link-load");
        t.setDaemon(true);
        return t;
    });
    private volatile int reportedConnections = -1; // -1: not reported on this link yet

    /**
     * @param bus        this node's in-process bus (its sessions subscribe there)
     * @param visibility the VIEW_CHANNEL cache the node's sessions use
     * @param nodeUrl    this node's gateway URL (announced to the primary)
     */
    public GatewayLinkClient(GatewayNodeConfig config, Supplier<String> nodeUrl, GatewayHub hub, GuildEventBus bus,
                             ChannelVisibility visibility, MeterRegistry registry) {
        this.host = config.primaryHost();
        this.port = config.primaryPort();
        this.secret = config.linkSecret();
        this.reconnectDelay = config.reconnectDelay();
        this.events = new LinkedBlockingQueue<>(config.queueFrames());
        this.nodeUrl = nodeUrl;
        this.hub = hub;
        this.bus = bus;
        this.visibility = visibility;
        Gauge.builder("guildhall.gateway.link.up", this, c -> c.linked ? 1 : 0)
                .description("1 while this gateway node is linked to its primary").register(registry);
        this.losses = Counter.builder("guildhall.gateway.link.losses")
                .description("times this gateway node lost its link (its sessions were told to reconnect)")
                .register(registry);
    }

    /** Where presences, session starts and voice states come from on this node. */
    public SessionCoordinator sessionCoordinator() {
        return new RemoteSessionCoordinator(this);
    }

    public VoiceStateHandler voiceStates() {
        return new NodeVoiceStates(this);
    }

    public void start() {
        reader = new Thread(this::connectLoop, "gateway-link-reader");
        delivery = new Thread(this::deliveryLoop, "gateway-link-delivery");
        reader.setDaemon(true);
        delivery.setDaemon(true);
        delivery.start();
        reader.start();
        load.scheduleWithFixedDelay(this::reportConnections, LOAD_MILLIS, LOAD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Tells the primary how many connections this node serves when it changed (GET /gateway picks the fewest). */
    private void reportConnections() {
        int n = hub.sessionCount();
        if (linked && n != reportedConnections && send(LinkFrames.frame("sessions").put("n", n))) {
            reportedConnections = n;
        }
    }

    public boolean isLinked() {
        return linked;
    }

    /** Waits up to {@code timeout} for the link; true once linked. */
    public boolean awaitLinked(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!linked && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return linked;
    }

    private void connectLoop() {
        while (!closed) {
            boolean welcomed = false;
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(new InetSocketAddress(host, port), 5000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(GatewayLinkServer.SILENCE_MILLIS);
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 65536));
                out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
                send(LinkFrames.frame("hello").put("secret", secret).put("node", nodeUrl.get()));
                ObjectNode welcome = LinkFrames.read(in);
                if (!"welcome".equals(welcome.get("t").asText())) {
                    throw new IOException("expected welcome, got " + welcome.get("t").asText());
                }
                welcomed = true;
                synchronized (this) {
                    events.add(new Marker(true, epoch));
                }
                LOG.info("event=gateway_link_up primary={}:{}", host, port);
                long lastPing = System.nanoTime();
                while (!closed) {
                    ObjectNode f = LinkFrames.read(in);
                    String t = f.get("t").asText();
                    if (t.equals("reply")) {
                        CompletableFuture<JsonNode> call = calls.remove(f.path("id").asLong());
                        if (call != null) {
                            call.complete(f);
                        }
                    } else if (!t.equals("ping") && !events.offer(f)) {
                        throw new IOException("node fell " + events.size() + " frames behind the primary");
                    }
                    if (System.nanoTime() - lastPing > TimeUnit.MILLISECONDS.toNanos(GatewayLinkServer.PING_MILLIS)) {
                        send(LinkFrames.frame("ping"));
                        lastPing = System.nanoTime();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("event=gateway_link_down primary={}:{} linked_before={} error={}", host, port, welcomed,
                            e.toString());
                }
            } finally {
                lost(welcomed);
            }
            if (!closed) {
                try {
                    Thread.sleep(reconnectDelay.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The link is gone: unlinked now; calls fail; the delivery thread ends every session once it gets there. */
    private void lost(boolean welcomed) {
        out = null;
        reportedConnections = -1;
        synchronized (this) {
            epoch++;
            linked = false;
            if (welcomed && !closed) {
                events.clear(); // the sessions these were for are about to end
                events.add(new Marker(false, epoch));
            }
        }
        calls.values().forEach(c -> c.completeExceptionally(new IOException("gateway link lost")));
        calls.clear();
    }

    private void deliveryLoop() {
        while (true) {
            Object e;
            try {
                e = events.take();
            } catch (InterruptedException interrupted) {
                return;
            }
            try {
                if (e instanceof Marker m) {
                    closeChanges();
                    if (!m.up()) {
                        losses.increment();
                    }
                    // up: sessions that began while unlinked may have missed events; down: the gap starts now
                    hub.endAllSessions();
                    if (m.up()) {
                        synchronized (this) {
                            linked = m.epoch() == epoch;
                        }
                    }
                } else {
                    deliver((ObjectNode) e);
                }
            } catch (RuntimeException failure) {
                LOG.error("event=gateway_link_delivery_failed frame={} error={}",
                        e instanceof ObjectNode f ? f.path("t").asText() : e, failure.toString(), failure);
            }
        }
    }

    private void deliver(ObjectNode f) {
        switch (f.get("t").asText()) {
            case "g" -> bus.publish(f.path("g").asLong(), LinkFrames.dispatch(f));
            case "pb" -> changes.computeIfAbsent(f.path("g").asLong(), g -> new ArrayDeque<>())
                    .push(visibility.permissionChange(f.path("g").asLong()));
            case "pe" -> {
                Deque<ChannelVisibility.PermissionChange> open = changes.get(f.path("g").asLong());
                if (open != null && !open.isEmpty()) {
                    open.pop().close();
                }
            }
            case "u" -> hub.dispatchToUser(f.path("g").asLong(), f.path("u").asLong(), LinkFrames.dispatch(f),
                    f.path("skip").asInt());
            case "ua" -> hub.dispatchToUser(f.path("u").asLong(), LinkFrames.dispatch(f));
            case "sd" -> hub.dispatchToSession(f.path("s").asText(), f.path("type").asText(),
                    f.get("d") instanceof ObjectNode d ? d : Json.object());
            case "join" -> hub.sessionsJoined(f.path("g").asLong(), f.path("u").asLong());
            case "leave" -> hub.memberRemoved(f.path("g").asLong(), f.path("u").asLong());
            case "gdel" -> hub.guildDeleted(f.path("g").asLong());
            case "revoke" -> hub.tokensRevoked(f.path("u").asLong(),
                    f.hasNonNull("h") ? Base64.getDecoder().decode(f.get("h").asText()) : null);
            default -> LOG.warn("event=gateway_link_unknown_frame t={}", f.get("t").asText());
        }
    }

    private void closeChanges() {
        changes.values().forEach(open -> open.forEach(ChannelVisibility.PermissionChange::close));
        changes.clear();
    }

    /** Sends a frame to the primary; false when unlinked (presences then end on the primary with the link). */
    boolean send(ObjectNode frame) {
        byte[] bytes = LinkFrames.bytes(frame);
        synchronized (writeLock) {
            DataOutputStream o = out;
            if (o == null) {
                return false;
            }
            try {
                LinkFrames.write(o, bytes);
                o.flush();
                return true;
            } catch (IOException e) {
                closeSocket();
                return false;
            }
        }
    }

    /** Asks the primary and waits for its reply; throws {@link IllegalStateException} when unlinked or slow. */
    JsonNode call(ObjectNode request) {
        if (!linked) {
            throw new IllegalStateException("gateway node not linked to its primary");
        }
        long id = callIds.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        request.put("t", "call").put("id", id);
        if (!send(request)) {
            calls.remove(id);
            throw new IllegalStateException("gateway node not linked to its primary");
        }
        try {
            JsonNode r = reply.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (r.hasNonNull("error")) {
                throw new IllegalStateException("primary refused the call: " + r.get("error").asText());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the primary", e);
        } catch (ExecutionException | TimeoutException e) {
            calls.remove(id);
            throw new IllegalStateException("no reply from the primary: " + e, e);
        }
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the reader notices either way
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        load.shutdownNow();
        closeSocket();
        if (reader != null) {
            reader.interrupt();
        }
        if (delivery != null) {
            delivery.interrupt();
        }
    }
}

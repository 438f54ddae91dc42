package dev.guildhall.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One gateway WebSocket session of a user, as a Discord client holds it: HELLO (op 10) → IDENTIFY (op 2) →
 * READY, heartbeats (op 1) every {@code heartbeat_interval} with the last sequence number, MESSAGE_CREATE
 * dispatches counted. A closed or failed connection is reopened after a back-off.
 */
public final class GatewaySession implements WebSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(GatewaySession.class);
    /** GUILDS | GUILD_MESSAGES */
    static final int INTENTS = 1 | (1 << 9);
    /** GUILDS | GUILD_VOICE_STATES */
    public static final int VOICE_INTENTS = 1 | (1 << 7);

    /** Dispatches of this session (READY included), on the WebSocket's thread. */
    public interface DispatchListener {
        void onDispatch(GatewaySession session, String type, JsonNode d);
    }

    private final String username;
    private final String token;
    private final URI url;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Heartbeat heartbeat;
    private final SimulatorMetrics metrics;
    private final int intents;
    private final DispatchListener listener;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFrames frames = new JsonFrames();

    private volatile WebSocket socket;
    private volatile Long lastSequence;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile long backoffMs = 1000;

    public GatewaySession(String username, String token, URI url, HttpClient http, ScheduledExecutorService scheduler,
                          SimulatorMetrics metrics) {
        this(username, token, url, http, scheduler, metrics, INTENTS, null);
    }

    public GatewaySession(String username, String token, URI url, HttpClient http, ScheduledExecutorService scheduler,
                          SimulatorMetrics metrics, int intents, DispatchListener listener) {
        this.intents = intents;
        this.listener = listener;
        this.username = username;
        this.token = token;
        this.url = url;
        this.http = http;
        this.scheduler = scheduler;
        this.heartbeat = new Heartbeat(scheduler);
        this.metrics = metrics;
    }

    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(url, this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        log.warn("gateway connect for {} to {} failed: {}", username, url, error.toString());
                        reconnectLater();
                    } else {
                        socket = ws;
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        log.debug("gateway open user={}", username);
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        return frames.receive(webSocket, data, last, this::handle,
                e -> log.warn("gateway payload for {} not understood: {}", username, e.toString()));
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        // we never ask for zlib-stream or etf, so binary frames are unexpected: ignore them
        webSocket.request(1);
        return null;
    }

    void handle(WebSocket ws, JsonNode payload) {
        int op = payload.path("op").asInt(-1);
        JsonNode s = payload.get("s");
        if (s != null && s.isNumber()) {
            lastSequence = s.asLong();
        }
        switch (op) {
            case 10 -> { // HELLO
                long interval = payload.path("d").path("heartbeat_interval").asLong(41_250);
                startHeartbeat(ws, Math.max(1000, interval));
                identify(ws);
            }
            case 0 -> { // DISPATCH
                String type = payload.path("t").asText("");
                if (type.equals("READY")) {
                    ready = true;
                    backoffMs = 1000;
                    metrics.gatewayConnects.increment();
                    metrics.gatewaySessions.incrementAndGet();
                    log.info("gateway READY user={} session_id={}", username, payload.path("d").path("session_id").asText());
                } else if (type.equals("MESSAGE_CREATE")) {
                    metrics.gatewayMessageCreates.increment();
                }
                if (listener != null) {
                    listener.onDispatch(this, type, payload.path("d"));
                }
            }
            case 11 -> metrics.gatewayHeartbeatAcks.increment();
            case 1 -> sendHeartbeat(ws); // server asks for a heartbeat now
            case 7, 9 -> { // RECONNECT, INVALID_SESSION: start over
                log.info("gateway op {} for {}: reconnecting", op, username);
                ws.sendClose(4000, "reconnect");
            }
            default -> log.debug("gateway op {} ignored", op);
        }
    }

    private void identify(WebSocket ws) {
        ObjectNode d = json.createObjectNode();
        d.put("token", token);
        d.put("intents", intents);
        ObjectNode props = d.putObject("properties");
        props.put("os", "linux");
        props.put("browser", "guildhall-simulator");
        props.put("device", "guildhall-simulator");
        ObjectNode identify = json.createObjectNode();
        identify.put("op", 2);
        identify.set("d", d);
        send(ws, identify.toString());
    }

    private void startHeartbeat(WebSocket ws, long intervalMs) {
        if (!heartbeat.start((long) (intervalMs * Math.random()), intervalMs, () -> sendHeartbeat(ws))) {
            closed = true;
        }
    }

    private void sendHeartbeat(WebSocket ws) {
        Long seq = lastSequence;
        send(ws, "{\"op\":1,\"d\":" + (seq == null ? "null" : seq.toString()) + "}");
    }

    private void send(WebSocket ws, String text) {
        synchronized (this) {
            try {
                ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("gateway send for {} failed: {}", username, e.toString());
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        log.info("gateway closed user={} code={} reason={}", username, statusCode, reason);
        lost();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        log.warn("gateway error user={}: {}", username, error.toString());
        lost();
    }

    private void lost() {
        heartbeat.stop();
        if (ready) {
            ready = false;
            metrics.gatewaySessions.decrementAndGet();
        }
        frames.reset();
        lastSequence = null;
        reconnectLater();
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(60_000, backoffMs * 2);
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            closed = true;
        }
    }

    /** Sends a payload on the current connection (e.g. op 4); false if there is none. */
    public boolean sendPayload(String text) {
        WebSocket ws = socket;
        if (ws == null || !ready) {
            return false;
        }
        send(ws, text);
        return true;
    }

    public boolean isReady() {
        return ready;
    }

    public void close() {
        closed = true;
        heartbeat.stop();
        WebSocket ws = socket;
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                ws.abort();
            }
        }
    }
}

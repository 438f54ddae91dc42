package dev.guildhall.simulator.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.simulator.gateway.GatewaySession;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One user talking in a voice channel the way a Discord client does: its own gateway session (GUILDS |
 * GUILD_VOICE_STATES) sends op 4 VOICE_STATE_UPDATE for the channel; its VOICE_STATE_UPDATE gives the voice
 * {@code session_id}, VOICE_SERVER_UPDATE the {@code token} and {@code endpoint}; a {@link VoiceConnection} to that
 * endpoint then talks (20 ms frames at 50 packets/s, in talk spurts) and listens. A later VOICE_SERVER_UPDATE (the
 * voice server moved or failed over) replaces the connection with one to the new endpoint; a connection that ends
 * otherwise is re-requested with op 4 after a pause. {@link #tick} is called every 20 ms by {@link VoiceClients}.
 */
public final class VoiceClient implements AutoCloseable, GatewaySession.DispatchListener, VoiceConnection.Events {
    private static final Logger log = LoggerFactory.getLogger(VoiceClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long REJOIN_AFTER_MS = 3000;
    static final long REQUEST_AGAIN_MS = 20_000;

    private final String username;
    private final String guildId;
    private final String channelId;
    private final HttpClient voiceHttp;
    private final SimulatorMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final Random random;
    private final Impairment impairment;
    private final UnaryOperator<InetSocketAddress> path;
    private final TalkPattern talk;
    private final GatewaySession gateway;

    private volatile String userId;
    private volatile String voiceSessionId;
    private volatile VoiceConnection connection;
    private volatile boolean closed;
    private volatile long lastRequestMs;

    public VoiceClient(String username, String token, String guildId, String channelId, URI gatewayUrl,
                       HttpClient gatewayHttp, HttpClient voiceHttp, SimulatorMetrics metrics,
                       ScheduledExecutorService scheduler, Executor blocking, Random random, Impairment impairment,
                       UnaryOperator<InetSocketAddress> path) {
        this.path = path;
        this.username = username;
        this.guildId = guildId;
        this.channelId = channelId;
        this.voiceHttp = voiceHttp;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.random = random;
        this.impairment = impairment;
        this.talk = new TalkPattern(random);
        this.gateway = new GatewaySession(username, token, gatewayUrl, gatewayHttp, scheduler, metrics,
                GatewaySession.VOICE_INTENTS, this);
    }

    public void start() {
        gateway.start();
    }


    public boolean isConnected() {
        VoiceConnection c = connection;
        return c != null && c.ready();
    }

    /** One 20 ms frame. Never throws. */
    public void tick(long nowMs, long nowNanos) {
        VoiceConnection c = connection;
        if (closed) {
            return;
        }
        if (c == null && nowMs - lastRequestMs > REQUEST_AGAIN_MS && gateway.isReady()) {
            blocking.execute(this::requestVoice); // refused silently (full channel) or lost: ask again
            return;
        }
        if (c == null || !c.ready()) {
            return;
        }
        try {
            c.keepaliveIfDue(nowNanos);
            if (!talk.nextFrameTalks()) {
                c.skipFrame(false);
                return;
            }
            if (impairment != null && impairment.drop(nowMs)) {
                c.skipFrame(true);
                metrics.voicePacketsDropped.increment();
                return;
            }
            int delay = impairment == null ? 0 : impairment.delayMs(nowMs);
            if (delay == 0) {
                c.sendFrame(nowNanos);
            } else {
                scheduler.schedule(() -> c.sendFrame(nowNanos), delay, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            closed = true;
        } catch (RuntimeException e) {
            log.warn("voice {}: frame failed: {}", username, e.toString());
        }
    }

    @Override
    public void onDispatch(GatewaySession session, String type, JsonNode d) {
        switch (type) {
            case "READY" -> {
                userId = d.path("user").path("id").asText(null);
                requestVoice(); // a new gateway session has no voice state yet
            }
            case "VOICE_STATE_UPDATE" -> {
                if (d.path("user_id").asText("").equals(userId) && d.path("guild_id").asText("").equals(guildId)) {
                    voiceSessionId = d.path("session_id").asText(null);
                    if (d.path("channel_id").isNull()) {
                        log.info("voice {}: disconnected from the channel; joining again", username);
                        replace(null);
                        rejoinLater();
                    }
                }
            }
            case "VOICE_SERVER_UPDATE" -> {
                if (d.path("guild_id").asText("").equals(guildId) && d.hasNonNull("endpoint")) {
                    connect(d.path("endpoint").asText(), d.path("token").asText());
                }
            }
            default -> {
                // other dispatches are not the voice client's business
            }
        }
    }

    private void requestVoice() {
        if (closed) {
            return;
        }
        lastRequestMs = System.currentTimeMillis();
        ObjectNode d = JSON.createObjectNode();
        d.put("guild_id", guildId);
        d.put("channel_id", channelId);
        d.put("self_mute", false);
        d.put("self_deaf", false);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("op", 4);
        payload.set("d", d);
        if (!gateway.sendPayload(payload.toString())) {
            rejoinLater(); // the gateway session is reconnecting; READY asks again too
        }
    }

    private void connect(String endpoint, String token) {
        String sessionId = voiceSessionId;
        if (closed || sessionId == null || userId == null) {
            return;
        }
        ObjectNode identify = JSON.createObjectNode();
        identify.put("server_id", guildId);
        identify.put("user_id", userId);
        identify.put("session_id", sessionId);
        identify.put("token", token);
        VoiceConnection previous = connection;
        if (previous != null) {
            metrics.voiceServerMoves.increment();
            log.info("voice {}: VOICE_SERVER_UPDATE moves us from {} to {}", username, previous.endpoint(), endpoint);
        }
        VoiceConnection next = new VoiceConnection(username, endpoint, identify, voiceHttp, scheduler, blocking,
                metrics, new Random(random.nextLong()), path, this);
        replace(next);
        metrics.voiceJoins.increment();
        next.open();
    }

    private void replace(VoiceConnection next) {
        VoiceConnection previous;
        synchronized (this) {
            previous = connection;
            connection = next;
        }
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void closed(VoiceConnection ended, int code) {
        synchronized (this) {
            if (connection != ended) {
                return; // already replaced
            }
            connection = null;
        }
        rejoinLater();
    }

    /** Asks for voice again after a pause, unless a VOICE_SERVER_UPDATE has connected us meanwhile. */
    private void rejoinLater() {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                if (connection == null) {
                    requestVoice();
                }
            }, REJOIN_AFTER_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        replace(null);
        gateway.close();
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.MessageViews;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gateway connection. All writes and the sequence counter live on the channel's event loop, so dispatches
 * are numbered in the order they are sent. Dispatches that arrive after the session subscribed but before READY
 * went out are queued and flushed right after READY and the GUILD_CREATEs.
 */
public final class GatewaySession implements GuildEventBus.GuildEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);

    private final Channel channel;
    private final String sessionId;
    private final Set<Long> guilds = ConcurrentHashMap.newKeySet();
    private final Queue<Dispatch> beforeReady = new ArrayDeque<>();
    private volatile Principal principal;
    private volatile int intents;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile boolean identifying;
    private boolean ready; // event loop only
    private long sequence; // event loop only
    private volatile boolean closed;
    private long windowStartNanos = System.nanoTime();
    private int windowCount;

    /** Payloads a client may send per window (Discord: 120 per 60 s). */
    static final int RATE_LIMIT = 120;
    static final long RATE_WINDOW_NANOS = 60_000_000_000L;
    /** Outbound bytes a client may leave unread before it is disconnected. */
    static final long MAX_UNREAD_BYTES = 8L * 1024 * 1024;

    GatewaySession(Channel channel, String sessionId) {
        this.channel = channel;
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    public Principal principal() {
        return principal;
    }

    public int intents() {
        return intents;
    }

    Set<Long> guilds() {
        return guilds;
    }

    boolean isIdentifying() {
        return identifying;
    }

    /** Marks IDENTIFY as started; false if it already was (a second IDENTIFY). */
    synchronized boolean beginIdentify() {
        if (identifying) {
            return false;
        }
        identifying = true;
        return true;
    }

    void authenticated(Principal principal, int intents) {
        this.principal = principal;
        this.intents = intents;
    }

    void heartbeatReceived() {
        lastHeartbeatNanos = System.nanoTime();
    }

    long nanosSinceHeartbeat() {
        return System.nanoTime() - lastHeartbeatNanos;
    }

    /** Sends a non-dispatch payload ({@code s} and {@code t} null). */
    void send(int op, JsonNode d) {
        ObjectNode payload = Json.object();
        payload.put("op", op);
        payload.set("d", d);
        payload.putNull("s");
        payload.putNull("t");
        write(payload);
    }

    /** Sends READY and the GUILD_CREATEs, then whatever was dispatched meanwhile. */
    void sendReady(ObjectNode readyData, Iterable<ObjectNode> guildCreates) {
        channel.eventLoop().execute(() -> {
            writeDispatch("READY", readyData);
            for (ObjectNode g : guildCreates) {
                writeDispatch("GUILD_CREATE", g);
            }
            ready = true;
            Dispatch d;
            while ((d = beforeReady.poll()) != null) {
                deliver(d);
            }
        });
    }

    /** Sends one dispatch to this session only, in order with the others (e.g. GUILD_CREATE after a join). */
    void dispatchDirect(String type, ObjectNode data) {
        onDispatch(0, new Dispatch(type, data, 0, false, 0));
    }

    @Override
    public void onDispatch(long guildId, Dispatch dispatch) {
        if (closed) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!ready) {
                beforeReady.add(dispatch);
            } else {
                deliver(dispatch);
            }
        });
    }

    private void deliver(Dispatch dispatch) {
        if (dispatch.intent() != 0 && (intents & dispatch.intent()) == 0) {
            return;
        }
        ObjectNode data = dispatch.data();
        if (dispatch.messageContent() && !canReadContent(dispatch.authorId())) {
            data = MessageViews.withoutContent(data);
        }
        writeDispatch(dispatch.type(), data);
    }

    /**
     * MESSAGE_CONTENT: users always see content; a bot sees it with the intent (its application's privileged flag
     * was checked at IDENTIFY) or for its own messages.
     */
    private boolean canReadContent(long authorId) {
        Principal p = principal;
        if (p == null) {
            return false;
        }
        return !p.isBot() || authorId == p.userId() || (intents & Intents.MESSAGE_CONTENT) != 0;
    }

    private void writeDispatch(String type, ObjectNode data) {
        ObjectNode payload = Json.object();
        payload.put("op", GatewayOp.DISPATCH);
        payload.set("d", data);
        payload.put("s", ++sequence);
        payload.put("t", type);
        write(payload);
    }

    private void write(ObjectNode payload) {
        if (!channel.isActive() || closed) {
            return;
        }
        if (channel.bytesBeforeWritable() > MAX_UNREAD_BYTES) {
            // the client stopped reading: drop it rather than buffer without bound
            LOG.info("event=gateway_slow_consumer session_id={} pending_bytes={}", sessionId,
                    channel.bytesBeforeWritable());
            close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Client is not reading.");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Json.string(payload)));
    }

    /**
     * Counts a received payload against Discord's limit (120 per 60 s); false when the session must be
     * closed with 4008.
     */
    synchronized boolean withinRateLimit() {
        long now = System.nanoTime();
        if (now - windowStartNanos > RATE_WINDOW_NANOS) {
            windowStartNanos = now;
            windowCount = 0;
        }
        return ++windowCount <= RATE_LIMIT;
    }

    /** Closes with a gateway close code. */
    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.debug("event=gateway_close session_id={} code={} reason={}", sessionId, code, reason);
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    boolean isClosed() {
        return closed || !channel.isActive();
    }

    void markClosed() {
        closed = true;
    }
}

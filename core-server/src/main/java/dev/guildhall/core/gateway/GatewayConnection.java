package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.Deflater;

/**
 * One gateway WebSocket connection: heartbeats, the client's rate limit, the optional zlib-stream transport
 * compression and the frames written to the client. A {@link GatewaySession} (what IDENTIFY creates and RESUME
 * picks up again) is attached to at most one connection at a time; a connection without a session is still in
 * its HELLO phase.
 *
 * <p>Every frame is written on the channel's event loop, so the shared zlib context sees the payloads in the order
 * they go out.
 */
final class GatewayConnection {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);

    /** Payloads a client may send per window (Discord: 120 per 60 s). */
    static final int RATE_LIMIT = 120;
    static final long RATE_WINDOW_NANOS = 60_000_000_000L;
    /** Outbound bytes a client may leave unread before it is disconnected. */
    static final long MAX_UNREAD_BYTES = 8L * 1024 * 1024;
    private static final int DEFLATE_CHUNK = 8192;

    private final Channel channel;
    private final String connectionId;
    private final Deflater deflater; // null without compress=zlib-stream; event loop only
    private final byte[] deflateChunk;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile boolean identifying;
    private volatile GatewaySession session;
    private volatile boolean closed; // a close was requested
    private boolean writesDone; // event loop only: the close frame went out (or the channel is gone)
    private volatile int clientCloseCode = -1;
    private long windowStartNanos = System.nanoTime();
    private int windowCount;

    GatewayConnection(Channel channel, String connectionId, boolean zlibStream) {
        this.channel = channel;
        this.connectionId = connectionId;
        this.deflater = zlibStream ? new Deflater(Deflater.BEST_SPEED) : null;
        this.deflateChunk = zlibStream ? new byte[DEFLATE_CHUNK] : null;
    }

    Channel channel() {
        return channel;
    }

    String connectionId() {
        return connectionId;
    }

    boolean compressed() {
        return deflater != null;
    }

    GatewaySession session() {
        return session;
    }

    void session(GatewaySession s) {
        this.session = s;
    }

    boolean isIdentifying() {
        return identifying;
    }

    /** Claims the connection for one IDENTIFY or RESUME; false if one already started. */
    synchronized boolean beginIdentify() {
        if (identifying) {
            return false;
        }
        identifying = true;
        return true;
    }

    /** A RESUME failed (op 9 sent): the client may IDENTIFY on this connection. */
    synchronized void identifyFailed() {
        identifying = false;
    }

    void heartbeatReceived() {
        lastHeartbeatNanos = System.nanoTime();
    }

    long nanosSinceHeartbeat() {
        return System.nanoTime() - lastHeartbeatNanos;
    }

    /** The close code the client closed with (-1: none seen, or the client only answered the server's close). */
    int clientCloseCode() {
        return clientCloseCode;
    }

    /**
     * A close frame from the client. After the server's own close (4009, 4000, ...) it is only the answer to it,
     * whatever code the client sends (the JDK client echoes ours, others send 1000), so it does not count as the
     * client ending its session. Such an answer can be read: the close frame and the channel close pass the
     * pipeline's worker-pool handlers (rate limiting is a duplex handler there) while the event loop keeps reading.
     */
    void clientCloseCode(int code) {
        if (!closed) {
            this.clientCloseCode = code;
        }
    }

    /** Sends a non-dispatch payload ({@code s} and {@code t} null). */
    void send(int op, JsonNode d) {
        ObjectNode payload = Json.object();
        payload.put("op", op);
        payload.set("d", d);
        payload.putNull("s");
        payload.putNull("t");
        String text = Json.string(payload);
        if (channel.eventLoop().inEventLoop()) {
            write(text, true);
        } else {
            try {
                channel.eventLoop().execute(() -> write(text, true));
            } catch (RejectedExecutionException shuttingDown) {
                // the event loop is gone, and the connection with it
            }
        }
    }

    /**
     * Writes one payload (event loop only); false when the connection is gone or was dropped as a slow consumer.
     */
    boolean write(String json, boolean flush) {
        if (!writable()) {
            return false;
        }
        emit(deflater == null ? new TextWebSocketFrame(json)
                : new BinaryWebSocketFrame(deflate(json.getBytes(StandardCharsets.UTF_8))), flush);
        return true;
    }

    /**
     * Writes one dispatch (event loop only) from its shared serialised {@code d} and this session's sequence
     * number (see {@link DispatchFrame}); false as {@link #write(String, boolean)}.
     */
    boolean writeDispatch(byte[] d, long seq, String type, boolean flush) {
        if (!writable()) {
            return false;
        }
        byte[] suffix = DispatchFrame.suffix(seq, type);
        if (deflater == null) {
            ByteBuf text = channel.alloc().buffer(DispatchFrame.length(d, suffix));
            DispatchFrame.write(text, d, suffix);
            emit(new TextWebSocketFrame(text), flush);
        } else {
            emit(new BinaryWebSocketFrame(deflate(DispatchFrame.PREFIX, d, suffix)), flush);
        }
        return true;
    }

    private boolean writable() {
        if (writesDone || !channel.isActive()) {
            return false;
        }
        if (channel.bytesBeforeWritable() > MAX_UNREAD_BYTES) {
            // the client stopped reading: drop it rather than buffer without bound (its session stays resumable)
            LOG.info("event=gateway_slow_consumer connection_id={} pending_bytes={}", connectionId,
                    channel.bytesBeforeWritable());
            close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Client is not reading.");
            return false;
        }
        return true;
    }

    private void emit(Object frame, boolean flush) {
        if (flush) {
            channel.writeAndFlush(frame, channel.voidPromise());
        } else {
            channel.write(frame, channel.voidPromise());
        }
    }

    void flush() {
        channel.flush();
    }

    /**
     * One payload, given in consecutive parts, through the connection's zlib context, ending in the Z_SYNC_FLUSH
     * marker 00 00 ff ff.
     */
    private ByteBuf deflate(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuf out = channel.alloc().buffer(Math.max(64, length / 2));
        for (int i = 0; i < parts.length - 1; i++) {
            deflater.setInput(parts[i]);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(deflateChunk, 0, deflateChunk.length, Deflater.NO_FLUSH);
                out.writeBytes(deflateChunk, 0, n);
            }
        }
        deflater.setInput(parts[parts.length - 1]);
        int n;
        do {
            n = deflater.deflate(deflateChunk, 0, deflateChunk.length, Deflater.SYNC_FLUSH);
            out.writeBytes(deflateChunk, 0, n);
        } while (n == deflateChunk.length);
        return out;
    }

    /**
     * Counts a received payload against Discord's limit (120 per 60 s); false when the connection must be
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

    /** Closes with a gateway close code (after the frames already queued); the returned future completes on close. */
    ChannelFuture close(int code, String reason) {
        if (closed) {
            return channel.closeFuture();
        }
        closed = true;
        LOG.debug("event=gateway_close connection_id={} code={} reason={}", connectionId, code, reason);
        // on the event loop, after the payloads queued before it (e.g. op 7 RECONNECT)
        Runnable r = () -> {
            if (writesDone || !channel.isActive()) {
                return;
            }
            writesDone = true;
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        };
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            try {
                channel.eventLoop().execute(r);
            } catch (RejectedExecutionException shuttingDown) {
                // the event loop is gone, and the connection with it
            }
        }
        return channel.closeFuture();
    }

    boolean isClosed() {
        return closed || !channel.isActive();
    }

    /** The channel is gone: release the zlib context (event loop). */
    void released() {
        closed = true;
        writesDone = true;
        if (deflater != null) {
            deflater.end();
        }
    }
}

package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One identified voice connection: a {@link VoiceGateway.Grant}, its relay session (ssrc, transport key) and the
 * WebSocket currently attached (none while the client reconnects to RESUME). Since v8 the server's numbered
 * messages (SESSION_DESCRIPTION, SPEAKING, CLIENTS_CONNECT, CLIENT_DISCONNECT) carry {@code seq} and are kept in a
 * bounded buffer, so a RESUME re-sends what the client did not acknowledge.
 */
final class VoiceConnection {
    static final int BUFFERED_MESSAGES = 64;

    final VoiceGateway.Grant grant;
    final VoiceSession session;

    // guarded by this
    private Channel ws;
    private int speaking;
    private boolean ended;
    private long seq;
    private long detachedAt;
    private final ArrayDeque<Numbered> buffer = new ArrayDeque<>();

    private record Numbered(long seq, String text) {
    }

    VoiceConnection(VoiceGateway.Grant grant, VoiceSession session, Channel ws) {
        this.grant = grant;
        this.session = session;
        this.ws = ws;
    }

    /** Sends a payload; numbered ones get the next {@code seq} and are buffered for RESUME. */
    synchronized void send(int op, JsonNode d, boolean numbered) {
        if (ended) {
            return;
        }
        ObjectNode payload = Json.object();
        payload.put("op", op);
        payload.set("d", d);
        if (numbered) {
            payload.put("seq", ++seq);
        }
        String text = Json.string(payload);
        if (numbered) {
            buffer.addLast(new Numbered(seq, text));
            while (buffer.size() > BUFFERED_MESSAGES) {
                buffer.removeFirst();
            }
        }
        write(ws, text);
    }

    private static void write(Channel channel, String text) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
        }
    }

    synchronized boolean attachedTo(Channel channel) {
        return !ended && ws == channel;
    }

    synchronized boolean isAttached() {
        return !ended && ws != null;
    }

    /** The WebSocket went away; returns a token for {@link #expireIf} (or -1 if another socket is attached). */
    synchronized long detach(Channel channel) {
        if (ws != channel) {
            return -1;
        }
        ws = null;
        return ++detachedAt;
    }

    /** True (and ends the connection) if it was not resumed since {@link #detach} returned {@code token}. */
    synchronized boolean expireIf(long token) {
        if (ended || ws != null || detachedAt != token) {
            return false;
        }
        ended = true;
        return true;
    }

    /**
     * RESUME on a new socket: RESUMED, then every buffered message after {@code seqAck}; false if the buffer no
     * longer reaches back to it (the client must connect again).
     */
    synchronized boolean resume(Channel channel, long seqAck) {
        if (ended) {
            return false;
        }
        if (seqAck >= 0 && !buffer.isEmpty() && buffer.peekFirst().seq() > seqAck + 1) {
            return false;
        }
        Channel previous = ws;
        ws = channel;
        if (previous != null && previous != channel) {
            previous.close();
        }
        ObjectNode resumed = Json.object();
        resumed.put("op", VoiceOp.RESUMED);
        resumed.putNull("d");
        write(channel, Json.string(resumed));
        for (Numbered n : buffer) {
            if (n.seq() > seqAck) {
                write(channel, n.text());
            }
        }
        return true;
    }

    /** Ends the connection for good; closes the attached socket with {@code closeCode} (0 = no close frame). */
    synchronized boolean end(int closeCode, String reason) {
        if (ended) {
            return false;
        }
        ended = true;
        Channel channel = ws;
        ws = null;
        if (channel != null && channel.isActive() && closeCode > 0) {
            channel.writeAndFlush(new CloseWebSocketFrame(closeCode, reason)).addListener(ChannelFutureListener.CLOSE);
        }
        return true;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized int speaking() {
        return speaking;
    }

    synchronized void speaking(int flags) {
        this.speaking = flags;
    }

    /** Buffered sequence numbers (tests). */
    synchronized List<Long> bufferedSeqs() {
        List<Long> seqs = new ArrayList<>();
        buffer.forEach(n -> seqs.add(n.seq()));
        return seqs;
    }
}

package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * 8-byte datagrams from a bound address: the echo of the session's outstanding RTT probe ({@code "GHRT" | id}) is
 * an RTT sample; any other is a client keepalive, echoed back unchanged (as Discord does: clients time that echo)
 * at most once per {@link #MIN_ECHO_INTERVAL_NANOS} per session, and marks the session as one that receives RTT
 * probes ({@link RttProber}). From an unbound address both are dropped. Event loop only.
 */
@ChannelHandler.Sharable
final class KeepaliveHandler extends ChannelInboundHandlerAdapter {
    static final long MIN_ECHO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final VoiceSessions sessions;
    private final VoiceRelayMetrics metrics;

    KeepaliveHandler(VoiceSessions sessions, VoiceRelayMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof KeepaliveDatagram keepalive)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DatagramPacket packet = keepalive.packet();
        try {
            VoiceSession session = sessions.byAddress(packet.sender());
            if (session == null) {
                metrics.dropped(DropReason.UNKNOWN_SOURCE);
                return;
            }
            long now = System.nanoTime();
            session.lastActivityNanos = now;
            ByteBuf content = packet.content();
            int start = content.readerIndex();
            if (content.getInt(start) == KeepaliveDatagram.PROBE_MAGIC) {
                if (session.rtt.onEcho(content.getInt(start + 4), now)) {
                    metrics.probesAnswered.increment();
                } else {
                    metrics.dropped(DropReason.STALE_PROBE);
                }
                return;
            }
            session.keepaliveNanos = now;
            if (session.keepaliveEchoNanos != 0 && now - session.keepaliveEchoNanos < MIN_ECHO_INTERVAL_NANOS) {
                metrics.dropped(DropReason.KEEPALIVE_FLOOD);
                return;
            }
            session.keepaliveEchoNanos = now;
            ctx.writeAndFlush(new DatagramPacket(content.retain(), packet.sender()), ctx.voidPromise());
            metrics.keepalivesEchoed.increment();
        } finally {
            ReferenceCountUtil.release(packet);
        }
    }
}

package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * Last handler: sends the RTP datagram, unchanged and without copying (retained duplicates of one buffer), to every
 * other bound member of the sender's channel, then releases it.
 */
@ChannelHandler.Sharable
final class ForwardingHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ForwardingHandler.class);
    private final VoiceSessions sessions;
    private final VoiceRelayMetrics metrics;

    ForwardingHandler(VoiceSessions sessions, VoiceRelayMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtpDatagram rtp)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            ByteBuf content = rtp.packet.content();
            int length = content.readableBytes();
            VoiceSession[] members = sessions.boundMembers(rtp.session.channelId);
            int sent = 0;
            for (VoiceSession member : members) {
                InetSocketAddress recipient = member.boundAddress;
                if (member == rtp.session || recipient == null) {
                    continue;
                }
                if (!ctx.channel().isWritable()) {
                    metrics.dropped(DropReason.BACKPRESSURE);
                    continue;
                }
                ctx.write(new DatagramPacket(content.retainedDuplicate(), recipient), ctx.voidPromise());
                sent++;
            }
            if (sent > 0) {
                metrics.packetsForwarded.increment(sent);
                metrics.bytesForwarded.increment((double) sent * length);
                ctx.flush(); // datagrams leave here, after they were counted
            }
        } finally {
            ReferenceCountUtil.release(rtp.packet);
        }
    }

    /** A failed send (e.g. ICMP unreachable) must not close the relay's socket. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("voice relay socket error: {}", cause.toString());
    }
}

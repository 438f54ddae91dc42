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
 * Last handler: sends the (plaintext) RTP datagram to every other bound member of the sender's channel (written at
 * once, flushed at the end of the read round), then releases it: unchanged and without copying (retained duplicates
 * of one buffer) to skeleton-protocol members, encrypted with each receiver's own transport key and nonce to voice
 * gateway members (Opus payload untouched).
 * The audio of a silenced sender (server-muted, no SPEAK) goes nowhere; a deafened receiver (server or self) gets none.
 */
@ChannelHandler.Sharable
final class ForwardingHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ForwardingHandler.class);
    private final VoiceSessions sessions;
    private final VoiceRelayMetrics metrics;
    // event loop only: the plaintext once, and each receiver's encryption of it
    private final byte[] plain = new byte[VoiceRelay.MAX_DATAGRAM];
    private final byte[] sealed = new byte[VoiceRelay.MAX_DATAGRAM + TransportCrypto.OVERHEAD];
    /** datagrams written in this read round and not yet flushed (event loop only) */
    private boolean unflushed;

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
            if (rtp.session.silenced) {
                metrics.dropped(DropReason.SILENCED);
                return;
            }
            ByteBuf content = rtp.packet.content();
            int length = content.readableBytes();
            VoiceSession[] members = sessions.boundMembers(rtp.session.channelId);
            int sent = 0;
            int plainLength = -1;
            for (VoiceSession member : members) {
                InetSocketAddress recipient = member.boundAddress;
                if (member == rtp.session || recipient == null || member.deafened) {
                    continue;
                }
                if (!ctx.channel().isWritable()) {
                    metrics.dropped(DropReason.BACKPRESSURE);
                    continue;
                }
                ByteBuf outbound;
                if (!member.encrypted) {
                    outbound = content.retainedDuplicate(); // skeleton protocol: plaintext, unchanged
                } else {
                    TransportCrypto crypto = member.crypto;
                    if (crypto == null) {
                        continue; // no key yet (before SELECT_PROTOCOL): nothing it could read
                    }
                    if (plainLength < 0) {
                        plainLength = length;
                        content.getBytes(content.readerIndex(), plain, 0, length);
                    }
                    int n = crypto.encrypt(plain, plainLength, sealed);
                    if (n < 0) {
                        continue;
                    }
                    outbound = ctx.alloc().buffer(n).writeBytes(sealed, 0, n);
                }
                ctx.write(new DatagramPacket(outbound, recipient), ctx.voidPromise());
                sent++;
            }
            if (sent > 0) {
                metrics.packetsForwarded.increment(sent);
                metrics.bytesForwarded.increment((double) sent * length);
                unflushed = true;
            }
        } finally {
            ReferenceCountUtil.release(rtp.packet);
        }
    }

    /** The datagrams of a whole read round leave together (counted before), one sendmmsg on epoll. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** A failed send (e.g. ICMP unreachable) must not close the relay's socket. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("voice relay socket error: {}", cause.toString());
    }
}

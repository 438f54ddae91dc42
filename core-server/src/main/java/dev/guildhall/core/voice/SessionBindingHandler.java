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
 * Second handler: a HELLO with the right session token binds its ssrc to the sender's address and is answered with
 * HELLO_ACK; an RTP datagram passes only if its ssrc is bound to exactly the address it came from.
 */
@ChannelHandler.Sharable
final class SessionBindingHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionBindingHandler.class);

    private final VoiceSessions sessions;
    private final VoiceRelayMetrics metrics;

    SessionBindingHandler(VoiceSessions sessions, VoiceRelayMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtpDatagram rtp) {
            admitRtp(ctx, rtp);
        } else if (msg instanceof DiscoveryDatagram discovery) {
            try {
                discover(ctx, discovery);
            } finally {
                ReferenceCountUtil.release(discovery.packet());
            }
        } else if (msg instanceof HelloDatagram hello) {
            try {
                bind(ctx, hello);
            } finally {
                ReferenceCountUtil.release(hello.packet());
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void admitRtp(ChannelHandlerContext ctx, RtpDatagram rtp) {
        VoiceSession session = sessions.bySsrc(rtp.ssrc);
        DropReason reason = null;
        if (session == null) {
            reason = DropReason.UNKNOWN_SSRC;
        } else {
            InetSocketAddress bound = session.boundAddress;
            if (bound == null) {
                reason = DropReason.UNBOUND_SSRC;
            } else if (!bound.equals(rtp.packet.sender())) {
                reason = DropReason.SPOOFED_SOURCE;
            }
        }
        if (reason != null) {
            metrics.dropped(reason);
            ReferenceCountUtil.release(rtp.packet);
            return;
        }
        session.lastActivityNanos = rtp.arrivalNanos;
        rtp.session = session;
        ctx.fireChannelRead(rtp);
    }

    private void bind(ChannelHandlerContext ctx, HelloDatagram hello) {
        DatagramPacket packet = hello.packet();
        VoiceSession session = sessions.bySsrc(hello.ssrc());
        if (session == null) {
            metrics.dropped(DropReason.UNKNOWN_SSRC);
            return;
        }
        if (!tokenMatches(packet.content(), hello.tokenOffset(), session.token)) {
            metrics.dropped(DropReason.BAD_TOKEN);
            log.debug("voice hello rejected reason=bad_token ssrc={} from={}", hello.ssrc(), packet.sender());
            return;
        }
        InetSocketAddress sender = packet.sender();
        InetSocketAddress previous = session.boundAddress;
        if (!sessions.bind(session, sender)) {
            metrics.dropped(DropReason.UNKNOWN_SSRC);
            return;
        }
        session.lastActivityNanos = System.nanoTime();
        metrics.hellosAccepted.increment();
        if (!sender.equals(previous)) {
            log.debug("voice session bound ssrc={} guild={} channel={} user={} address={}", session.ssrc,
                    session.guildId, session.channelId, session.userId, sender);
        }
        ByteBuf ack = ctx.alloc().buffer(VoiceProtocol.HELLO_ACK_LENGTH);
        ack.writeByte(VoiceProtocol.MAGIC_0).writeByte(VoiceProtocol.MAGIC_1)
                .writeByte(VoiceProtocol.TYPE_HELLO_ACK).writeByte(0)
                .writeInt((int) session.ssrc);
        ctx.writeAndFlush(new DatagramPacket(ack, sender));
    }

    /**
     * IP discovery of a voice gateway session: binds the ssrc to the sender (as a HELLO does for the skeleton
     * protocol) and answers type 2 with the sender's address and port as this relay sees them.
     */
    private void discover(ChannelHandlerContext ctx, DiscoveryDatagram discovery) {
        VoiceSession session = sessions.bySsrc(discovery.ssrc());
        if (session == null) {
            metrics.dropped(DropReason.UNKNOWN_SSRC);
            return;
        }
        if (!session.encrypted) {
            metrics.dropped(DropReason.BAD_DISCOVERY);
            return;
        }
        InetSocketAddress sender = discovery.packet().sender();
        if (!sessions.bind(session, sender)) {
            metrics.dropped(DropReason.UNKNOWN_SSRC);
            return;
        }
        session.lastActivityNanos = System.nanoTime();
        metrics.hellosAccepted.increment();
        ByteBuf answer = ctx.alloc().buffer(DiscoveryDatagram.LENGTH);
        answer.writeShort(DiscoveryDatagram.TYPE_RESPONSE).writeShort(DiscoveryDatagram.BODY_LENGTH)
                .writeInt((int) session.ssrc);
        byte[] host = sender.getAddress().getHostAddress().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int n = Math.min(host.length, DiscoveryDatagram.ADDRESS_LENGTH - 1); // null-terminated
        answer.writeBytes(host, 0, n).writeZero(DiscoveryDatagram.ADDRESS_LENGTH - n);
        answer.writeShort(sender.getPort());
        ctx.writeAndFlush(new DatagramPacket(answer, sender));
    }

    /** Constant-time comparison (in the token's length) of the datagram's token bytes with the expected token. */
    static boolean tokenMatches(ByteBuf buf, int offset, byte[] expected) {
        int length = buf.writerIndex() - offset;
        int diff = length ^ expected.length;
        for (int i = 0; i < expected.length; i++) {
            byte actual = i < length ? buf.getByte(offset + i) : 0;
            diff |= actual ^ expected[i];
        }
        return diff == 0;
    }
}

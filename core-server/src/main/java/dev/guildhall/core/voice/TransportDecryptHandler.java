package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Third handler: RTP of a voice gateway session is decrypted with that session's transport key (its mode, its
 * replay window); what passes continues as the plaintext RTP packet (header, extension body, Opus payload), written
 * over the datagram's own buffer (no second buffer per packet), so statistics and forwarding see the same packet as
 * for the skeleton protocol. Undecryptable, replayed and key-less packets are dropped and counted. Skeleton sessions
 * pass unchanged. Event loop only (shared scratch).
 */
@ChannelHandler.Sharable
final class TransportDecryptHandler extends ChannelInboundHandlerAdapter {
    private final VoiceRelayMetrics metrics;
    private final byte[] in = new byte[VoiceRelay.MAX_DATAGRAM];
    private final byte[] out = new byte[VoiceRelay.MAX_DATAGRAM];

    TransportDecryptHandler(VoiceRelayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtpDatagram rtp) || !rtp.session.encrypted) {
            ctx.fireChannelRead(msg);
            return;
        }
        TransportCrypto crypto = rtp.session.crypto;
        if (crypto == null) {
            drop(rtp, DropReason.NO_KEY);
            return;
        }
        ByteBuf content = rtp.packet.content();
        int length = content.readableBytes();
        content.getBytes(content.readerIndex(), in, 0, length);
        int plain = crypto.decrypt(in, length, out);
        if (plain == TransportCrypto.REPLAYED) {
            drop(rtp, DropReason.REPLAYED);
            return;
        }
        if (plain < 0) {
            drop(rtp, DropReason.UNDECRYPTABLE);
            return;
        }
        // in place: the plaintext is shorter than the datagram it came in, whose buffer only this packet uses
        content.setBytes(content.readerIndex(), out, 0, plain);
        content.writerIndex(content.readerIndex() + plain);
        ctx.fireChannelRead(rtp);
    }

    private void drop(RtpDatagram rtp, DropReason reason) {
        metrics.dropped(reason);
        ReferenceCountUtil.release(rtp.packet);
    }
}

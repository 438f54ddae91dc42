package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler: counts every datagram and classifies it as a {@link HelloDatagram}, a {@link DiscoveryDatagram},
 * a {@link KeepaliveDatagram} (exactly 8 bytes), an {@link RtpDatagram}, or
 * drops it (counted by reason). Only structure is checked here; who may send what is the binding handler's concern.
 */
@ChannelHandler.Sharable
final class VoiceDatagramDecoder extends ChannelInboundHandlerAdapter {
    private final VoiceRelayMetrics metrics;

    VoiceDatagramDecoder(VoiceRelayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long arrivalNanos = System.nanoTime();
        ByteBuf buf = packet.content();
        int length = buf.readableBytes();
        metrics.packetsIn.increment();
        metrics.bytesIn.increment(length);
        int start = buf.readerIndex();
        if (length < 4) {
            drop(packet, DropReason.TOO_SHORT);
            return;
        }
        if (length > VoiceRelay.MAX_DATAGRAM) {
            drop(packet, DropReason.OVERSIZED);
            return;
        }
        boolean magic = buf.getByte(start) == VoiceProtocol.MAGIC_0 && buf.getByte(start + 1) == VoiceProtocol.MAGIC_1;
        if (magic && buf.getByte(start + 2) == VoiceProtocol.TYPE_HELLO) {
            decodeHello(ctx, packet, buf, start, length); // before keepalives: an 8-byte HELLO has an empty token
            return;
        }
        if (length == KeepaliveDatagram.LENGTH) {
            ctx.fireChannelRead(new KeepaliveDatagram(packet));
            return;
        }
        if (magic) {
            decodeHello(ctx, packet, buf, start, length);
            return;
        }
        if (length == DiscoveryDatagram.LENGTH && buf.getUnsignedShort(start) == DiscoveryDatagram.TYPE_REQUEST
                && buf.getUnsignedShort(start + 2) == DiscoveryDatagram.BODY_LENGTH) {
            ctx.fireChannelRead(new DiscoveryDatagram(packet, buf.getUnsignedInt(start + 4)));
            return;
        }
        if (length < VoiceProtocol.RTP_HEADER_LENGTH) {
            drop(packet, DropReason.TOO_SHORT);
            return;
        }
        int first = buf.getUnsignedByte(start);
        if ((first >>> 6) != VoiceProtocol.RTP_VERSION) {
            drop(packet, DropReason.BAD_VERSION);
            return;
        }
        int csrcCount = first & 0x0F;
        if (VoiceProtocol.RTP_HEADER_LENGTH + 4 * csrcCount > length) {
            drop(packet, DropReason.MALFORMED);
            return;
        }
        int sequence = buf.getUnsignedShort(start + 2);
        long timestamp = buf.getUnsignedInt(start + 4);
        long ssrc = buf.getUnsignedInt(start + 8);
        ctx.fireChannelRead(new RtpDatagram(packet, ssrc, sequence, timestamp, arrivalNanos));
    }

    private void decodeHello(ChannelHandlerContext ctx, DatagramPacket packet, ByteBuf buf, int start, int length) {
        int tokenLength = length - VoiceProtocol.HELLO_HEADER_LENGTH;
        if (buf.getByte(start + 2) != VoiceProtocol.TYPE_HELLO || tokenLength < 1
                || tokenLength > VoiceProtocol.MAX_TOKEN_LENGTH) {
            drop(packet, DropReason.BAD_HELLO);
            return;
        }
        long ssrc = buf.getUnsignedInt(start + 4);
        ctx.fireChannelRead(new HelloDatagram(packet, ssrc, start + VoiceProtocol.HELLO_HEADER_LENGTH));
    }

    private void drop(DatagramPacket packet, DropReason reason) {
        metrics.dropped(reason);
        ReferenceCountUtil.release(packet);
    }
}

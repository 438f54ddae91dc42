package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Fourth handler: feeds each accepted (decrypted) RTP datagram into its stream's RFC 3550 statistics (jitter,
 * sequence, loss and late accounting, payload bytes for the bitrate). Runs on the relay's event loop, the only thread that touches the statistics.
 */
@ChannelHandler.Sharable
final class StreamStatsHandler extends ChannelInboundHandlerAdapter {
    private final VoiceRelayMetrics metrics;

    StreamStatsHandler(VoiceRelayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtpDatagram rtp) {
            VoiceSession session = rtp.session;
            if (session.stats == null) {
                session.stats = new RtpStreamStatistics(VoiceProtocol.RTP_CLOCK_HZ);
                session.windowStartMillis = System.currentTimeMillis();
                metrics.activeStreams.incrementAndGet();
            }
            session.stats.onPacket(rtp.sequence, rtp.timestamp, rtp.arrivalNanos, payloadBytes(rtp.packet.content()));
            session.lastRtpNanos = rtp.arrivalNanos;
        }
        ctx.fireChannelRead(msg);
    }

    /** Bytes after the RTP header, its CSRCs and its header extension (the Opus payload plus any padding). */
    static int payloadBytes(ByteBuf packet) {
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        int first = packet.getUnsignedByte(start);
        int header = VoiceProtocol.RTP_HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0 && header + 4 <= length) {
            header += 4 + 4 * packet.getUnsignedShort(start + header + 2);
        }
        return Math.max(0, length - header);
    }
}

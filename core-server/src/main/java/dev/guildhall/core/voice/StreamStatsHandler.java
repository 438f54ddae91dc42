package dev.guildhall.core.voice;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Third handler: feeds each accepted RTP datagram into its stream's RFC 3550 statistics (jitter, sequence and
 * loss accounting). Runs on the relay's event loop, the only thread that touches the statistics.
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
            session.stats.onPacket(rtp.sequence, rtp.timestamp, rtp.arrivalNanos);
            session.lastRtpNanos = rtp.arrivalNanos;
        }
        ctx.fireChannelRead(msg);
    }
}

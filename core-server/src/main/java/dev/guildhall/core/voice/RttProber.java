package dev.guildhall.core.voice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * Runs every {@link #INTERVAL_MS} ms on the relay's event loop: sends an RTT probe {@code "GHRT" | id} (8 bytes,
 * the shape of a keepalive echo, which Discord clients already accept) to every bound session whose client sent a
 * keepalive within the idle timeout. Clients that echo it unchanged give the relay one RTT sample per probe
 * ({@link KeepaliveHandler}); others ignore it (discord.js drops 8-byte echoes whose counter it did not send).
 */
final class RttProber implements Runnable {
    static final long INTERVAL_MS = 1000;
    private static final Logger log = LoggerFactory.getLogger(RttProber.class);

    private final VoiceSessions sessions;
    private final VoiceRelayMetrics metrics;
    private final Channel channel;
    private final long idleTimeoutNanos;

    RttProber(VoiceSessions sessions, VoiceRelayMetrics metrics, Channel channel, long idleTimeoutNanos) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.channel = channel;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public void run() {
        try {
            probe(System.nanoTime());
        } catch (RuntimeException e) {
            log.error("voice RTT probing failed", e); // never let the scheduled task die
        }
    }

    void probe(long nowNanos) {
        int sent = 0;
        for (VoiceSession session : sessions.all()) {
            InetSocketAddress address = session.boundAddress;
            if (address == null || session.keepaliveNanos == 0 || nowNanos - session.keepaliveNanos > idleTimeoutNanos) {
                continue;
            }
            int id = session.rtt.nextProbe(System.nanoTime());
            ByteBuf probe = channel.alloc().buffer(KeepaliveDatagram.LENGTH)
                    .writeInt(KeepaliveDatagram.PROBE_MAGIC).writeInt(id);
            channel.writeAndFlush(new DatagramPacket(probe, address), channel.voidPromise());
            sent++;
        }
        if (sent > 0) {
            metrics.probesSent.increment(sent);
        }
    }
}

package dev.guildhall.core.voice;

import dev.guildhall.events.payload.VoiceQualitySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every sample interval on the relay's event loop: closes each active stream's RFC 3550 reporting interval and
 * publishes it as a voice.quality sample (loss, late packets, jitter, payload bitrate, the mean RTT of the interval's
 * probe echoes when the client echoes them, and the {@link EModel} MOS from them, RTT counted as 0 when unknown); drops streams without RTP, and sessions without any traffic, for longer
 * than the idle timeout.
 */
final class QualitySampler implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(QualitySampler.class);

    private final VoiceSessions sessions;
    private final QualitySamplePublisher publisher;
    private final VoiceRelayMetrics metrics;
    private final String region;
    private final String voiceServer;
    private final long idleTimeoutNanos;

    QualitySampler(VoiceSessions sessions, QualitySamplePublisher publisher, VoiceRelayMetrics metrics, String region,
                   String voiceServer, long idleTimeoutNanos) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.metrics = metrics;
        this.region = region;
        this.voiceServer = voiceServer;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public void run() {
        try {
            sample(System.nanoTime(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            log.error("voice quality sampling failed", e); // never let the scheduled task die
        }
    }

    void sample(long nowNanos, long nowMillis) {
        int active = 0;
        for (VoiceSession session : sessions.all()) {
            if (nowNanos - session.lastActivityNanos > idleTimeoutNanos) {
                sessions.remove(session);
                session.stats = null;
                metrics.sessionsExpired.increment();
                log.debug("voice session expired ssrc={} channel={} user={}", session.ssrc, session.channelId,
                        session.userId);
                continue;
            }
            double rttMs = session.rtt.closeIntervalMs();
            RtpStreamStatistics stats = session.stats;
            if (stats == null) {
                continue;
            }
            if (nowNanos - session.lastRtpNanos > idleTimeoutNanos) {
                session.stats = null; // stream idle: a later stream of this ssrc starts fresh statistics
                continue;
            }
            active++;
            RtpStreamStatistics.Interval interval = stats.closeInterval();
            long windowStart = session.windowStartMillis;
            session.windowStartMillis = nowMillis;
            if (interval.isEmpty()) {
                continue;
            }
            int windowMs = (int) Math.max(0, nowMillis - windowStart);
            Double rtt = Double.isNaN(rttMs) ? null : rttMs;
            // payload bytes × 8 / ms = kbit/s
            Double bitrateKbps = windowMs == 0 ? null : interval.payloadBytes() * 8.0 / windowMs;
            double mos = EModel.mos(rtt == null ? 0 : rtt, interval.jitterMs(), interval.lossRatio());
            VoiceQualitySample sample = new VoiceQualitySample(region, voiceServer,
                    Long.toUnsignedString(session.channelId), Long.toUnsignedString(session.userId), session.ssrc,
                    windowStart, windowMs, interval.expected(), interval.received(), interval.lost(),
                    interval.lossRatio(), interval.jitterMs(), rtt, interval.late(), bitrateKbps, mos);
            publisher.publish(session.guildIdString, nowMillis, sample);
        }
        metrics.activeStreams.set(active);
    }
}

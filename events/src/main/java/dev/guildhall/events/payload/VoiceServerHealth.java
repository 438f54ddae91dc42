package dev.guildhall.events.payload;

import java.util.List;

/**
 * quality-monitor's verdict on one voice server (type {@code voice.server.health}, compacted topic
 * {@code guildhall.voice.health}, key = voice server id, {@code guild_id} "0"), from its latest hopping window of
 * voice quality samples and the liveness of its heartbeats.
 *
 * @param voiceServer  id of the server
 * @param region       its region
 * @param status       "healthy", "degraded" (some SLO breached), "unhealthy" (several SLOs breached, or one far
 *                     beyond its threshold) or "down" (heartbeats stopped)
 * @param score        0 (down) … 100 (every metric well inside its SLO)
 * @param rttP95Ms     p95 round-trip time of the window, null when no sample carried one
 * @param jitterP95Ms  p95 interarrival jitter of the window, null without samples
 * @param lossRatio    Σlost / Σexpected of the window, null without samples
 * @param samples      quality samples in the window
 * @param lastHeartbeatAt epoch ms of the server's latest heartbeat, null if none was seen
 * @param windowStart  epoch ms
 * @param windowEnd    epoch ms
 * @param reasons      why the score is below 100 (e.g. "jitter_p95_ms", "heartbeat_missing"); empty when healthy
 */
public record VoiceServerHealth(String voiceServer, String region, String status, double score, Double rttP95Ms,
                                Double jitterP95Ms, Double lossRatio, long samples, Long lastHeartbeatAt,
                                long windowStart, long windowEnd, List<String> reasons) {
    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";
    public static final String DOWN = "down";

    public VoiceServerHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Whether core-server may place new voice connections on the server. */
    public boolean usable() {
        return HEALTHY.equals(status) || DEGRADED.equals(status);
    }
}

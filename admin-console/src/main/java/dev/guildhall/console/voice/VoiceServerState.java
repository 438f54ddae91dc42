package dev.guildhall.console.voice;

import java.util.List;

/**
 * The latest heartbeat and health verdict of one voice server, as the SRE sees it.
 *
 * @param liveness       "running", "stopping", "silent" (no heartbeat for {@link VoiceFleetStatus#SILENT_AFTER}
 *                       heartbeat intervals) or "no heartbeat" (only a health verdict seen)
 * @param heartbeatAgeMs ms since its latest heartbeat was sent, null without one
 * @param load           voice connections it holds (0 without a heartbeat)
 * @param capacity       voice connections it accepts (0 without a heartbeat)
 * @param health         quality-monitor's status ("healthy", "degraded", "unhealthy", "down"), null without a verdict
 * @param score          0–100, null without a verdict
 * @param reasons        why the score is below 100
 */
public record VoiceServerState(String voiceServer, String region, String liveness, Long heartbeatAgeMs, int load,
                               int capacity, String health, Double score, List<String> reasons) {

    /** Load as a share of capacity (0 when the capacity is unknown). */
    public double loadRatio() {
        return capacity <= 0 ? 0 : (double) load / capacity;
    }
}

package dev.guildhall.events.payload;

/**
 * A voice SLO alert changed state (type {@code alert.voice}, topic {@code guildhall.alerts}). Version 2 added
 * {@code voiceServer} (alerts on one voice server; null for a region's alert and in version-1 events) and the state
 * {@code update}.
 *
 * @param alertId     stable id of the alert (same for open, update and resolve)
 * @param metric      "rtt_p95_ms", "jitter_p95_ms" or "loss_ratio"
 * @param state       "open", "update" (an open alert's value moved markedly) or "resolved"
 * @param value       the measured value of the window
 * @param threshold   the configured SLO threshold
 * @param windowStart epoch ms
 * @param windowEnd   epoch ms
 * @param voiceServer the voice server the alert is about, null for a whole region
 */
public record VoiceAlert(String alertId, String region, String metric, String state, double value, double threshold,
                         long windowStart, long windowEnd, String voiceServer) {
    public static final String OPEN = "open";
    public static final String UPDATE = "update";
    public static final String RESOLVED = "resolved";

    /** A version-1 alert: about a whole region. */
    public VoiceAlert(String alertId, String region, String metric, String state, double value, double threshold,
                      long windowStart, long windowEnd) {
        this(alertId, region, metric, state, value, threshold, windowStart, windowEnd, null);
    }
}

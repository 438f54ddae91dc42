package dev.guildhall.events.payload;

/**
 * A voice SLO alert changed state (type {@code alert.voice}, topic {@code guildhall.alerts}).
 *
 * @param alertId     stable id of the alert (same for open and resolve)
 * @param metric      "jitter_p95_ms" or "loss_ratio"
 * @param state       "open" or "resolved"
 * @param value       the measured value of the window
 * @param threshold   the configured SLO threshold
 * @param windowStart epoch ms
 * @param windowEnd   epoch ms
 */
public record VoiceAlert(String alertId, String region, String metric, String state, double value, double threshold,
                         long windowStart, long windowEnd) {
}

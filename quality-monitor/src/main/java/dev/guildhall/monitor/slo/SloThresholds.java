package dev.guildhall.monitor.slo;

/**
 * The voice SLO per region and window: breached when p95 jitter exceeds {@code jitterP95Ms} or the loss ratio
 * exceeds {@code lossRatio}.
 */
public record SloThresholds(double jitterP95Ms, double lossRatio) {
    public static final String METRIC_JITTER_P95 = "jitter_p95_ms";
    public static final String METRIC_LOSS_RATIO = "loss_ratio";

    public SloThresholds {
        if (!(jitterP95Ms > 0) || Double.isInfinite(jitterP95Ms)) {
            throw new IllegalArgumentException("jitter p95 SLO must be a positive number of ms, was " + jitterP95Ms);
        }
        if (!(lossRatio > 0 && lossRatio < 1)) {
            throw new IllegalArgumentException("loss ratio SLO must be in (0, 1), was " + lossRatio);
        }
    }
}

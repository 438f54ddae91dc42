package dev.guildhall.monitor.slo;

/**
 * The voice SLO per scope and window: breached when p95 RTT exceeds {@code rttP95Ms}, p95 jitter exceeds
 * {@code jitterP95Ms} or the loss ratio exceeds {@code lossRatio}.
 */
public record SloThresholds(double jitterP95Ms, double lossRatio, double rttP95Ms) {
    public static final String METRIC_RTT_P95 = "rtt_p95_ms";
    public static final String METRIC_JITTER_P95 = "jitter_p95_ms";
    public static final String METRIC_LOSS_RATIO = "loss_ratio";
    /** ITU-T G.114 keeps one-way delay under 150 ms for most applications: 300 ms round trip. */
    public static final double DEFAULT_RTT_P95_MS = 300;

    public SloThresholds {
        if (!(jitterP95Ms > 0) || Double.isInfinite(jitterP95Ms)) {
            throw new IllegalArgumentException("jitter p95 SLO must be a positive number of ms, was " + jitterP95Ms);
        }
        if (!(lossRatio > 0 && lossRatio < 1)) {
            throw new IllegalArgumentException("loss ratio SLO must be in (0, 1), was " + lossRatio);
        }
        if (!(rttP95Ms > 0) || Double.isInfinite(rttP95Ms)) {
            throw new IllegalArgumentException("rtt p95 SLO must be a positive number of ms, was " + rttP95Ms);
        }
    }

    public SloThresholds(double jitterP95Ms, double lossRatio) {
        this(jitterP95Ms, lossRatio, DEFAULT_RTT_P95_MS);
    }
}

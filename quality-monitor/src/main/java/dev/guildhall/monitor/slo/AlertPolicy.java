package dev.guildhall.monitor.slo;

/**
 * Hysteresis of the alert lifecycle, per (scope, metric), over consecutive evaluated windows:
 * <ul>
 *   <li><b>open</b> after {@code openWindows} consecutive windows above the threshold;</li>
 *   <li><b>resolved</b> (same alert id) after {@code clearWindows} consecutive windows at or below
 *       {@code clearRatio × threshold} — a value between that and the threshold neither resolves nor re-arms, so a
 *       metric flapping around the threshold keeps one open alert instead of an open/resolve pair per window;</li>
 *   <li><b>update</b> while open, when a window above the threshold differs from the last value sent by at least
 *       {@code updateChange} (relative), so a worsening or easing breach is visible without one event per window.</li>
 * </ul>
 */
public record AlertPolicy(int openWindows, int clearWindows, double clearRatio, double updateChange) {
    /**
     * Open on the second breached window in a row, resolve on the first window at or below 0.8 × threshold: with
     * 30 s windows every 10 s an impairment opens within about 30 s and clears within about 50 s of its end.
     */
    public static final AlertPolicy DEFAULT = new AlertPolicy(2, 1, 0.8, 0.25);
    /** The first breached window opens and the first window back within the SLO resolves (no hysteresis). */
    public static final AlertPolicy IMMEDIATE = new AlertPolicy(1, 1, 1.0, 0.25);

    public AlertPolicy {
        if (openWindows < 1 || clearWindows < 1) {
            throw new IllegalArgumentException("alert open/clear windows must be >= 1");
        }
        if (!(clearRatio > 0 && clearRatio <= 1)) {
            throw new IllegalArgumentException("alert clear ratio must be in (0, 1], was " + clearRatio);
        }
        if (!(updateChange > 0)) {
            throw new IllegalArgumentException("alert update change must be > 0, was " + updateChange);
        }
    }
}

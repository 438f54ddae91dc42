package dev.guildhall.monitor.health;

import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.monitor.slo.SloThresholds;

import java.util.ArrayList;
import java.util.List;

/**
 * A voice server's health from one window, before hysteresis. Per measured metric, with r = value / SLO threshold:
 * <pre>
 * r ≤ 0.5 → 100;  0.5 < r ≤ 1 → 100 … 60 (linear);  1 < r ≤ 2 → 60 … 0 (linear);  r > 2 → 0
 * </pre>
 * score = the lowest metric score (100 without samples). Status: unhealthy when two or more SLOs are breached or the
 * score is below {@value #UNHEALTHY_BELOW} (one metric beyond 1.5 × its threshold), degraded when one is breached,
 * else healthy. Reasons name the breached metrics.
 */
public record HealthScore(double score, String status, List<String> reasons) {
    public static final double UNHEALTHY_BELOW = 30;

    public static HealthScore of(Double rttP95Ms, Double jitterP95Ms, Double lossRatio, SloThresholds slo) {
        double score = 100;
        List<String> breached = new ArrayList<>();
        double[][] metrics = {
                {rttP95Ms == null ? Double.NaN : rttP95Ms, slo.rttP95Ms()},
                {jitterP95Ms == null ? Double.NaN : jitterP95Ms, slo.jitterP95Ms()},
                {lossRatio == null ? Double.NaN : lossRatio, slo.lossRatio()}};
        String[] names = {SloThresholds.METRIC_RTT_P95, SloThresholds.METRIC_JITTER_P95,
                SloThresholds.METRIC_LOSS_RATIO};
        for (int i = 0; i < metrics.length; i++) {
            if (Double.isNaN(metrics[i][0])) {
                continue;
            }
            double r = metrics[i][0] / metrics[i][1];
            score = Math.min(score, metricScore(r));
            if (r > 1) {
                breached.add(names[i]);
            }
        }
        String status = breached.size() >= 2 || score < UNHEALTHY_BELOW ? VoiceServerHealth.UNHEALTHY
                : breached.size() == 1 ? VoiceServerHealth.DEGRADED : VoiceServerHealth.HEALTHY;
        return new HealthScore(Math.round(score * 10) / 10.0, status, List.copyOf(breached));
    }

    static double metricScore(double r) {
        if (r <= 0.5) {
            return 100;
        }
        if (r <= 1) {
            return 100 - 80 * (r - 0.5);
        }
        if (r <= 2) {
            return 60 - 60 * (r - 1);
        }
        return 0;
    }
}

package dev.guildhall.console.voice;

import dev.guildhall.warehouse.queries.VoiceQualityStats;
import java.util.function.Function;

/** One number of {@link VoiceQualityStats} that a dashboard chart plots (null when no sample carried it). */
public enum QualityMeasure {
    RTT_P50("RTT p50", "ms", VoiceQualityStats::rttP50Ms),
    RTT_P95("RTT p95", "ms", VoiceQualityStats::rttP95Ms),
    RTT_P99("RTT p99", "ms", VoiceQualityStats::rttP99Ms),
    JITTER_P50("Jitter p50", "ms", VoiceQualityStats::jitterP50Ms),
    JITTER_P95("Jitter p95", "ms", VoiceQualityStats::jitterP95Ms),
    JITTER_P99("Jitter p99", "ms", VoiceQualityStats::jitterP99Ms),
    LOSS_RATIO("Loss ratio", "ratio", VoiceQualityStats::lossRatio),
    MOS("MOS", "1–5", VoiceQualityStats::mos);

    private final String label;
    private final String unit;
    private final Function<VoiceQualityStats, Double> value;

    QualityMeasure(String label, String unit, Function<VoiceQualityStats, Double> value) {
        this.label = label;
        this.unit = unit;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Double of(VoiceQualityStats stats) {
        return value.apply(stats);
    }

    /** RTT or jitter at a percentile (50, 95 or 99). */
    public static QualityMeasure rtt(int percentile) {
        return valueOf("RTT_P" + percentile);
    }

    public static QualityMeasure jitter(int percentile) {
        return valueOf("JITTER_P" + percentile);
    }
}

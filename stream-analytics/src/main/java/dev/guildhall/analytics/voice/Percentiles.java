package dev.guildhall.analytics.voice;

import java.util.Arrays;

/**
 * Exact percentiles of a small sample by linear interpolation between closest ranks (Hyndman &amp; Fan type 7,
 * the default of numpy and R): h = (n - 1) p, result = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** @param values unsorted values (not modified); @param p in [0, 1]; NaN for an empty sample */
    public static double of(double[] values, int count, double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("percentile must be in [0, 1]: " + p);
        }
        if (count <= 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sortedPercentile(sorted, p);
    }

    static double sortedPercentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

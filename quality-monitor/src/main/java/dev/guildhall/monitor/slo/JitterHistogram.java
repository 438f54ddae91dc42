package dev.guildhall.monitor.slo;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A fixed-bucket histogram of jitter values in milliseconds, small enough to live in a window store:
 * 0.5 ms buckets up to 50 ms, 2 ms buckets up to 250 ms, 10 ms buckets up to 1000 ms, then one overflow bucket.
 * Quantiles interpolate linearly inside a bucket and are clamped to the exact minimum and maximum seen, so the
 * error is at most half a bucket width (0.25 ms around a 30 ms SLO). Serialised sparsely (non-empty buckets only).
 */
public final class JitterHistogram {
    static final int FINE = 100;     // [0, 50) by 0.5
    static final int MEDIUM = 100;   // [50, 250) by 2
    static final int COARSE = 75;    // [250, 1000) by 10
    static final int BUCKETS = FINE + MEDIUM + COARSE + 1; // + overflow [1000, inf)

    private final long[] counts = new long[BUCKETS];
    private long total;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Adds one value; negative or non-finite values are rejected. */
    public void add(double ms) {
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("jitter must be a finite value >= 0, was " + ms);
        }
        counts[bucketOf(ms)]++;
        total++;
        min = Math.min(min, ms);
        max = Math.max(max, ms);
    }

    public long count() {
        return total;
    }

    public double max() {
        return total == 0 ? 0 : max;
    }

    /** The q-quantile (0 < q <= 1), nearest-rank with linear interpolation inside the bucket; 0 when empty. */
    public double quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1]");
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            long c = counts[b];
            if (c == 0) {
                continue;
            }
            if (seen + c >= rank) {
                double lower = lowerBound(b);
                double upper = b == BUCKETS - 1 ? max : lowerBound(b + 1);
                double value = lower + (upper - lower) * ((double) (rank - seen) / c);
                return Math.max(min, Math.min(max, value));
            }
            seen += c;
        }
        return max;
    }

    static int bucketOf(double ms) {
        if (ms < 50) {
            return (int) (ms / 0.5);
        }
        if (ms < 250) {
            return FINE + (int) ((ms - 50) / 2);
        }
        if (ms < 1000) {
            return FINE + MEDIUM + (int) ((ms - 250) / 10);
        }
        return BUCKETS - 1;
    }

    static double lowerBound(int bucket) {
        if (bucket < FINE) {
            return bucket * 0.5;
        }
        if (bucket < FINE + MEDIUM) {
            return 50 + (bucket - FINE) * 2.0;
        }
        if (bucket < FINE + MEDIUM + COARSE) {
            return 250 + (bucket - FINE - MEDIUM) * 10.0;
        }
        return 1000;
    }

    /** Serialised size in bytes. */
    int serializedSize() {
        int nonEmpty = 0;
        for (long c : counts) {
            if (c != 0) {
                nonEmpty++;
            }
        }
        return 2 + 8 + 8 + nonEmpty * (2 + 8);
    }

    void writeTo(ByteBuffer out) {
        int nonEmpty = 0;
        for (long c : counts) {
            if (c != 0) {
                nonEmpty++;
            }
        }
        out.putShort((short) nonEmpty);
        out.putDouble(total == 0 ? 0 : min);
        out.putDouble(total == 0 ? 0 : max);
        for (int b = 0; b < BUCKETS; b++) {
            if (counts[b] != 0) {
                out.putShort((short) b);
                out.putLong(counts[b]);
            }
        }
    }

    static JitterHistogram readFrom(ByteBuffer in) {
        JitterHistogram h = new JitterHistogram();
        int nonEmpty = in.getShort() & 0xFFFF;
        double min = in.getDouble();
        double max = in.getDouble();
        for (int i = 0; i < nonEmpty; i++) {
            int b = in.getShort() & 0xFFFF;
            long c = in.getLong();
            if (b >= BUCKETS || c < 0) {
                throw new IllegalArgumentException("corrupt histogram bucket " + b);
            }
            h.counts[b] += c;
            h.total += c;
        }
        if (h.total > 0) {
            h.min = min;
            h.max = max;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JitterHistogram other && Arrays.equals(counts, other.counts) && total == other.total
                && Double.compare(max(), other.max()) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}

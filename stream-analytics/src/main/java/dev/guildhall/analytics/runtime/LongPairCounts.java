package dev.guildhall.analytics.runtime;

import java.util.Arrays;

/**
 * Counts per (a, b) pair of longs in an open-addressing table: no object per key or per increment, so a combiner can
 * count hundreds of thousands of events a second into it cheaply. Not thread-safe.
 */
public final class LongPairCounts {
    /** Visits one (a, b, count) entry. */
    @FunctionalInterface
    public interface Visitor {
        void accept(long a, long b, long count);
    }

    private long[] as;
    private long[] bs;
    private long[] counts;   // 0 = free slot (a stored count is at least 1)
    private int size;

    public LongPairCounts() {
        allocate(64);
    }

    /** Adds {@code n} (≥ 1) to the count of (a, b); true when (a, b) is a new entry. */
    public boolean add(long a, long b, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        int mask = counts.length - 1;
        for (int i = slot(a, b, mask); ; i = (i + 1) & mask) {
            if (counts[i] == 0) {
                as[i] = a;
                bs[i] = b;
                counts[i] = n;
                if (++size * 4 > counts.length * 3) {
                    grow();
                }
                return true;
            }
            if (as[i] == a && bs[i] == b) {
                counts[i] += n;
                return false;
            }
        }
    }

    /** The count of (a, b); 0 when none was added. */
    public long get(long a, long b) {
        int mask = counts.length - 1;
        for (int i = slot(a, b, mask); counts[i] != 0; i = (i + 1) & mask) {
            if (as[i] == a && bs[i] == b) {
                return counts[i];
            }
        }
        return 0;
    }

    /** Number of distinct pairs. */
    public int size() {
        return size;
    }

    /** Visits every entry (in no particular order). */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                visitor.accept(as[i], bs[i], counts[i]);
            }
        }
    }

    /** Forgets every entry (keeps the table's capacity unless it grew large). */
    public void clear() {
        if (counts.length > 1 << 16) {
            allocate(64);
        } else {
            Arrays.fill(counts, 0);
        }
        size = 0;
    }

    private static int slot(long a, long b, int mask) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldA = as;
        long[] oldB = bs;
        long[] oldC = counts;
        allocate(oldC.length * 2);
        for (int i = 0; i < oldC.length; i++) {
            if (oldC[i] != 0) {
                add(oldA[i], oldB[i], oldC[i]);
            }
        }
    }

    private void allocate(int capacity) {
        as = new long[capacity];
        bs = new long[capacity];
        counts = new long[capacity];
        size = 0;
    }
}

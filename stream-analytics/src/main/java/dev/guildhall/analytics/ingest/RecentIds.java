package dev.guildhall.analytics.ingest;

/**
 * The last {@code capacity} distinct ids added, in the order they were added: a ring of primitive longs plus an
 * open-addressing hash index (linear probing, backward-shift deletion), so a lookup and an insert cost O(1) and no
 * allocation, and the memory is fixed (~ 8 × capacity bytes for the ring, 16–32 × capacity for the index) whatever
 * the event rate. Not thread-safe. Id 0 is stored as {@link Long#MIN_VALUE} (0 marks a free index slot).
 */
public final class RecentIds {
    private static final long FREE = 0L;
    private final long[] ring;
    private final long[] index;
    private final int mask;
    private int size;
    private int next;          // ring slot of the next id (the oldest id when the ring is full)

    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        ring = new long[capacity];
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // a power of two >= 2 × capacity
        index = new long[slots];
        mask = slots - 1;
    }

    /** A set holding {@code ids} (oldest first; only the newest {@code capacity} are kept). */
    public static RecentIds of(int capacity, long[] ids) {
        RecentIds r = new RecentIds(capacity);
        for (long id : ids) {
            r.add(id);
        }
        return r;
    }

    /** Adds the id unless present; returns false when it was already one of the recent ids. */
    public boolean add(long id) {
        if (contains(id)) {
            return false;
        }
        long key = id == FREE ? Long.MIN_VALUE : id;
        if (size == ring.length) {
            remove(ring[next]);             // the oldest id leaves
        } else {
            size++;
        }
        index[findFree(key)] = key;
        ring[next] = key;
        next = (next + 1) % ring.length;
        return true;
    }

    public boolean contains(long id) {
        long key = id == FREE ? Long.MIN_VALUE : id;
        for (int slot = slotOf(key); index[slot] != FREE; slot = (slot + 1) & mask) {
            if (index[slot] == key) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** The ids, oldest first (the form kept in checkpoints). */
    public long[] toArray() {
        long[] out = new long[size];
        int start = size == ring.length ? next : 0;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    private int findFree(long key) {
        int slot = slotOf(key);
        while (index[slot] != FREE) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Removes a present key; later keys of its probe run move back so every key stays reachable. */
    private void remove(long key) {
        int slot = slotOf(key);
        while (index[slot] != key) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        for (int i = (hole + 1) & mask; index[i] != FREE; i = (i + 1) & mask) {
            int home = slotOf(index[i]);
            // move index[i] into the hole unless its home lies cyclically in (hole, i]
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                index[hole] = index[i];
                hole = i;
            }
        }
        index[hole] = FREE;
    }

    private int slotOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;      // Fibonacci hashing: snowflakes differ mostly in the low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "RecentIds[" + size + " of " + ring.length + "]";
    }
}

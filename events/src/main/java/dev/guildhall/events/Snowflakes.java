package dev.guildhall.events;

/**
 * Discord-style snowflake ids: 42 bits of milliseconds since the Discord epoch (2015-01-01), 5 bits worker,
 * 5 bits process, 12 bits increment. Thread-safe and monotonic per generator.
 */
public final class Snowflakes {
    public static final long DISCORD_EPOCH = 1420070400000L;

    private final long workerBits;
    private long lastMillis = -1;
    private long increment;

    public Snowflakes(int workerId, int processId) {
        if (workerId < 0 || workerId > 31 || processId < 0 || processId > 31) {
            throw new IllegalArgumentException("worker and process ids are 0..31");
        }
        this.workerBits = ((long) workerId << 17) | ((long) processId << 12);
    }

    public synchronized long next() {
        long now = System.currentTimeMillis();
        if (now < lastMillis) {
            now = lastMillis; // clock stepped back: stay monotonic
        }
        if (now == lastMillis) {
            increment = (increment + 1) & 0xFFF;
            if (increment == 0) {
                now = lastMillis + 1; // 4096 ids in one ms: borrow the next ms
            }
        } else {
            increment = 0;
        }
        lastMillis = now;
        return ((now - DISCORD_EPOCH) << 22) | workerBits | increment;
    }

    public String nextString() {
        return Long.toUnsignedString(next());
    }

    /** Epoch milliseconds at which the snowflake was made. */
    public static long timestampOf(long snowflake) {
        return (snowflake >>> 22) + DISCORD_EPOCH;
    }
}

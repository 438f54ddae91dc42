package dev.guildhall.core.voice;

/**
 * Round-trip time of one voice session, measured by the relay from UDP probes its client echoes
 * ({@link KeepaliveDatagram}): one probe outstanding at a time; an echo of the outstanding probe is one RTT sample;
 * echoes of older probes are ignored. {@link #closeIntervalMs} yields the mean of the interval's samples.
 * Event loop only; no allocation.
 */
final class RoundTrip {
    private int probeId;
    private long probeSentNanos;
    private boolean outstanding;
    private long sumNanos;
    private int count;

    /** Starts a new probe (replacing an unanswered one) and returns its id. */
    int nextProbe(long nowNanos) {
        probeId++;
        probeSentNanos = nowNanos;
        outstanding = true;
        return probeId;
    }

    /** An echo of probe {@code id} arrived; true if it was the outstanding probe (an RTT sample). */
    boolean onEcho(int id, long nowNanos) {
        if (!outstanding || id != probeId || nowNanos < probeSentNanos) {
            return false;
        }
        outstanding = false;
        sumNanos += nowNanos - probeSentNanos;
        count++;
        return true;
    }

    /** Mean RTT in ms of the samples since the last call, or NaN if there were none. */
    double closeIntervalMs() {
        double mean = count == 0 ? Double.NaN : sumNanos / (double) count / 1e6;
        sumNanos = 0;
        count = 0;
        return mean;
    }
}

package dev.guildhall.core.voice;

import java.util.Arrays;

/**
 * Reception statistics of one inbound RTP stream (one ssrc), following RFC 3550 appendix A.
 * <ul>
 *   <li>Sequence tracking (A.1): extended highest sequence number with 16-bit wraparound, resynchronisation after a
 *       jump larger than {@link #MAX_DROPOUT} (or a step back larger than {@link #MAX_MISORDER}) confirmed by the
 *       next packet.</li>
 *   <li>Loss per interval (A.3): expected = extended max - base + 1; the interval's lost packets are
 *       expected_interval - received_interval, never negative.</li>
 *   <li>Interarrival jitter (A.8): D = (arrival_j - arrival_i) - (ts_j - ts_i) in RTP clock units,
 *       J += (|D| - J) / 16, reported in milliseconds.</li>
 * </ul>
 * Duplicates (a sequence number already received among the last {@value #DUPLICATE_WINDOW}) are counted separately
 * and ignored for loss and jitter; late (reordered) packets count as received and feed the jitter estimate like any
 * other packet, as A.8 prescribes.
 * <p>Not thread-safe: one instance is updated by one thread (the relay's event loop).
 */
public final class RtpStreamStatistics {
    public static final int MAX_DROPOUT = 3000;
    public static final int MAX_MISORDER = 100;
    public static final int DUPLICATE_WINDOW = 128;
    private static final int RTP_SEQ_MOD = 1 << 16;

    private final double clockRateHz;

    private boolean started;
    private int maxSeq;              // highest seq seen (16 bit)
    private long cycles;             // count of seq wraparounds, shifted by 16
    private long baseSeq;            // first extended seq
    private int badSeq = RTP_SEQ_MOD + 1; // last 'bad' seq + 1
    private long received;
    private long duplicates;
    private long expectedPrior;
    private long receivedPrior;
    private long late;
    private long latePrior;
    private long payloadBytes;
    private long payloadBytesPrior;
    private final long[] seen = new long[DUPLICATE_WINDOW / 64]; // bitmap of extended seqs (max - i) received

    private boolean haveTransit;
    private long lastArrivalNanos;
    private long lastTimestamp;      // 32 bit, unsigned
    private double jitter;           // in RTP clock units

    public RtpStreamStatistics(int clockRateHz) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        this.clockRateHz = clockRateHz;
    }

    /** Opus in RTP always uses a 48 kHz clock. */
    public static RtpStreamStatistics opus() {
        return new RtpStreamStatistics(48_000);
    }

    /**
     * Account one received packet.
     *
     * @param sequence     RTP sequence number (0..65535)
     * @param timestamp    RTP timestamp (32 bit, unsigned, as a long)
     * @param arrivalNanos arrival time on a monotonic clock, in nanoseconds
     * @return what the packet was: counted, a duplicate, or the packet that caused a resynchronisation
     */
    public Outcome onPacket(int sequence, long timestamp, long arrivalNanos) {
        return onPacket(sequence, timestamp, arrivalNanos, 0);
    }

    /**
     * Account one received packet carrying {@code payloadBytes} bytes of RTP payload (for the bitrate); see
     * {@link #onPacket(int, long, long)}.
     */
    public Outcome onPacket(int sequence, long timestamp, long arrivalNanos, int payloadBytes) {
        int seq = sequence & 0xFFFF;
        long ts = timestamp & 0xFFFF_FFFFL;
        if (!started) {
            initSequence(seq);
            started = true;
            markNewestSeen();
            received++;
            this.payloadBytes += payloadBytes;
            updateJitter(ts, arrivalNanos);
            return Outcome.COUNTED;
        }
        Outcome outcome = updateSequence(seq);
        if (outcome == Outcome.DUPLICATE || outcome == Outcome.BAD_SEQUENCE) {
            return outcome;
        }
        received++;
        this.payloadBytes += payloadBytes;
        if (outcome == Outcome.LATE) {
            late++;
        }
        updateJitter(ts, arrivalNanos);
        return outcome;
    }

    private Outcome updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta == 0) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        if (udelta < MAX_DROPOUT) {
            // in order, with permissible gap
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            shiftSeen(udelta);
            maxSeq = seq;
            markNewestSeen();
            return Outcome.COUNTED;
        }
        if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // the sequence number made a very large jump
            if (seq == badSeq) {
                // two sequential packets: assume the other side restarted without telling us
                initSequence(seq);
                markNewestSeen();
                return Outcome.RESYNCHRONISED;
            }
            badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
            return Outcome.BAD_SEQUENCE;
        }
        // duplicate or reordered (late) packet
        int behind = RTP_SEQ_MOD - udelta;
        if (behind < DUPLICATE_WINDOW) {
            if (isSeen(behind)) {
                duplicates++;
                return Outcome.DUPLICATE;
            }
            setSeen(behind);
        }
        return Outcome.LATE;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        Arrays.fill(seen, 0L);
    }

    private void updateJitter(long ts, long arrivalNanos) {
        if (haveTransit) {
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * clockRateHz / 1e9;
            int timestampDelta = (int) (ts - lastTimestamp); // signed 32-bit difference survives wraparound
            double d = Math.abs(arrivalDelta - timestampDelta);
            jitter += (d - jitter) / 16.0;
        }
        haveTransit = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = ts;
    }

    // --- duplicate window: bit i set = extended seq (max - i) was received ---
    private void markNewestSeen() {
        setSeen(0);
    }

    private boolean isSeen(int behind) {
        return (seen[behind >>> 6] & (1L << (behind & 63))) != 0;
    }

    private void setSeen(int behind) {
        seen[behind >>> 6] |= 1L << (behind & 63);
    }

    private void shiftSeen(int by) {
        if (by >= DUPLICATE_WINDOW) {
            Arrays.fill(seen, 0L);
            return;
        }
        int words = by >>> 6;
        int bits = by & 63;
        for (int i = seen.length - 1; i >= 0; i--) {
            long hi = i - words >= 0 ? seen[i - words] : 0L;
            long lo = i - words - 1 >= 0 ? seen[i - words - 1] : 0L;
            seen[i] = bits == 0 ? hi : (hi << bits) | (lo >>> (64 - bits));
        }
    }

    // --- reporting ---

    /** True once a first packet was accounted. */
    public boolean started() {
        return started;
    }

    /** Extended highest sequence number received (cycles + max seq). */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets expected since the (re)start of the stream. */
    public long expected() {
        return started ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Packets received since the (re)start of the stream, duplicates excluded. */
    public long received() {
        return received;
    }

    /** Cumulative lost packets since the (re)start, never negative. */
    public long cumulativeLost() {
        return Math.max(0, expected() - received);
    }

    public long duplicates() {
        return duplicates;
    }

    /** Current interarrival jitter estimate in RTP clock units. */
    public double jitterClockUnits() {
        return jitter;
    }

    /** Current interarrival jitter estimate in milliseconds. */
    public double jitterMs() {
        return jitter * 1000.0 / clockRateHz;
    }

    /**
     * Close the current reporting interval (RFC 3550 A.3) and start the next one.
     *
     * @return the interval's expected, received and lost packets (lost never negative), the jitter at its end, the
     *         late packets and the payload bytes received
     */
    public Interval closeInterval() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = Math.max(0, expectedInterval - receivedInterval);
        double ratio = expectedInterval <= 0 ? 0.0 : (double) lostInterval / expectedInterval;
        long lateInterval = late - latePrior;
        latePrior = late;
        long bytesInterval = payloadBytes - payloadBytesPrior;
        payloadBytesPrior = payloadBytes;
        return new Interval(Math.max(0, expectedInterval), receivedInterval, lostInterval, ratio, jitterMs(),
                lateInterval, bytesInterval);
    }

    /** What {@link #onPacket} made of a packet. */
    public enum Outcome {
        /** in order (possibly after a gap), counted */
        COUNTED,
        /** older than the highest seq but not seen before: counted as received (fills an earlier gap) */
        LATE,
        /** already received: ignored */
        DUPLICATE,
        /** a jump too large to be plausible: ignored unless the next packet confirms it */
        BAD_SEQUENCE,
        /** the confirming packet after a large jump: statistics restarted from it */
        RESYNCHRONISED
    }

    /**
     * One reporting interval.
     *
     * @param lossRatio lost / expected, 0 when nothing was expected
     * @param jitterMs     jitter estimate at the end of the interval
     * @param late         packets that arrived after a higher sequence number (reordered; counted as received)
     * @param payloadBytes RTP payload bytes received (duplicates excluded)
     */
    public record Interval(long expected, long received, long lost, double lossRatio, double jitterMs, long late,
                           long payloadBytes) {
        public boolean isEmpty() {
            return expected == 0 && received == 0;
        }
    }
}

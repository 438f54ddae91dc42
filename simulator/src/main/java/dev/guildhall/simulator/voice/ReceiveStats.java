package dev.guildhall.simulator.voice;

import java.util.HashMap;
import java.util.Map;

/**
 * What a listener makes of the RTP it receives, per sending ssrc: a sequence number more than one ahead of the
 * highest so far means the ones between were lost; one behind it arrived late (reordered; it had been counted lost);
 * the same again is a duplicate. Not thread-safe (one receive thread).
 */
public final class ReceiveStats {
    /** What one packet was: how many packets the gap before it lost, or that it was late or a duplicate. */
    public record Outcome(int lost, boolean late, boolean duplicate) {
        static final Outcome IN_ORDER = new Outcome(0, false, false);
        static final Outcome LATE = new Outcome(0, true, false);
        static final Outcome DUPLICATE = new Outcome(0, false, true);
    }

    private final Map<Long, Integer> highest = new HashMap<>();

    public Outcome onPacket(long ssrc, int sequence) {
        int seq = sequence & 0xFFFF;
        Integer top = highest.get(ssrc);
        if (top == null) {
            highest.put(ssrc, seq);
            return Outcome.IN_ORDER;
        }
        int ahead = (seq - top) & 0xFFFF;
        if (ahead == 0) {
            return Outcome.DUPLICATE;
        }
        if (ahead < 0x8000) {
            highest.put(ssrc, seq);
            return ahead == 1 ? Outcome.IN_ORDER : new Outcome(ahead - 1, false, false);
        }
        return Outcome.LATE;
    }

    /** Forget a sender (it left, or the connection changed). */
    public void reset() {
        highest.clear();
    }
}

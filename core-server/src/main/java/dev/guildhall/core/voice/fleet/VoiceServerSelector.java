package dev.guildhall.core.voice.fleet;

import dev.guildhall.events.payload.VoiceServerHealth;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Chooses a voice server for a new connection: among usable servers (heartbeats fresh, not unhealthy or down) with
 * room (load below capacity), the lowest expected latency for the client's region, where
 * <pre>expected = RTT(client region, server region) + p95 jitter of its latest health window
 *            + {@value #DEGRADED_PENALTY_MS} ms if quality-monitor rates it degraded</pre>
 * (a jitter buffer delays playout by about the jitter). Ties go to the lower load ratio, then the server id.
 */
public final class VoiceServerSelector {
    /** Added to a degraded server's expected latency, so a healthy server of similar distance wins. */
    public static final double DEGRADED_PENALTY_MS = 50;

    private final RegionLatencies latencies;
    private final long deadAfterMillis;

    public VoiceServerSelector(RegionLatencies latencies, long deadAfterMillis) {
        this.latencies = latencies;
        this.deadAfterMillis = deadAfterMillis;
    }

    /** A chosen server and the latency expected from the client's region. */
    public record Choice(VoiceServerView server, double expectedMs) {
    }

    /**
     * @param assigned connections this core-server placed on a server (counted against capacity when its last
     *                 heartbeat reported fewer)
     */
    public Optional<Choice> choose(Collection<VoiceServerView> servers, String clientRegion,
                                   ToIntFunction<String> assigned, long nowMillis) {
        return servers.stream()
                .filter(s -> s.usable(nowMillis, deadAfterMillis))
                .filter(s -> load(s, assigned) < s.heartbeat().capacity())
                .map(s -> new Choice(s, expectedMs(s, clientRegion)))
                .min(Comparator.comparingDouble(Choice::expectedMs)
                        .thenComparingDouble(c -> (double) load(c.server(), assigned)
                                / Math.max(1, c.server().heartbeat().capacity()))
                        .thenComparing(c -> c.server().id()));
    }

    double expectedMs(VoiceServerView s, String clientRegion) {
        double ms = latencies.rttMs(clientRegion, s.region());
        VoiceServerHealth h = s.health();
        if (h != null) {
            if (h.jitterP95Ms() != null) {
                ms += h.jitterP95Ms();
            }
            if (VoiceServerHealth.DEGRADED.equals(h.status())) {
                ms += DEGRADED_PENALTY_MS;
            }
        }
        return ms;
    }

    private static int load(VoiceServerView s, ToIntFunction<String> assigned) {
        return Math.max(s.heartbeat().load(), assigned.applyAsInt(s.id()));
    }
}

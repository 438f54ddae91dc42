package dev.guildhall.simulator.voice;

import java.util.Random;

/**
 * Artificial network trouble for a share of the voice clients, so the SRE charts and alerts have something to
 * show: in a bad phase (20 s of every 60 s, at a random offset per client) a packet is dropped with
 * {@code lossProbability} and the others leave up to {@code maxJitterMs} late.
 */
public final class Impairment {
    static final long CYCLE_MS = 60_000;
    static final long BAD_MS = 20_000;

    private final Random random;
    private final long offsetMs;
    private final double lossProbability;
    private final int maxJitterMs;

    public Impairment(Random random, double lossProbability, int maxJitterMs) {
        this.random = random;
        this.offsetMs = (long) (random.nextDouble() * CYCLE_MS);
        this.lossProbability = lossProbability;
        this.maxJitterMs = maxJitterMs;
    }

    public boolean badPhase(long nowMs) {
        return Math.floorMod(nowMs + offsetMs, CYCLE_MS) < BAD_MS;
    }

    public boolean drop(long nowMs) {
        return badPhase(nowMs) && random.nextDouble() < lossProbability;
    }

    /** Extra send delay in ms (0 outside the bad phase). */
    public int delayMs(long nowMs) {
        return badPhase(nowMs) ? random.nextInt(maxJitterMs + 1) : 0;
    }
}

package dev.guildhall.core.voice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {
    private static final long MS = 1_000_000L;

    @Test
    void meanOfTheIntervalsAnsweredProbes() {
        RoundTrip rtt = new RoundTrip();
        assertThat(rtt.closeIntervalMs()).isNaN();
        int first = rtt.nextProbe(1000 * MS);
        assertThat(rtt.onEcho(first, 1070 * MS)).isTrue();
        int second = rtt.nextProbe(2000 * MS);
        assertThat(rtt.onEcho(second, 2090 * MS)).isTrue();
        assertThat(rtt.closeIntervalMs()).isEqualTo(80.0);
        assertThat(rtt.closeIntervalMs()).as("a new interval starts empty").isNaN();
    }

    @Test
    void onlyTheOutstandingProbeCountsOnce() {
        RoundTrip rtt = new RoundTrip();
        int old = rtt.nextProbe(0);
        int current = rtt.nextProbe(1000 * MS); // the first went unanswered
        assertThat(rtt.onEcho(old, 1010 * MS)).isFalse();
        assertThat(rtt.onEcho(current + 1, 1010 * MS)).as("forged id").isFalse();
        assertThat(rtt.onEcho(current, 1020 * MS)).isTrue();
        assertThat(rtt.onEcho(current, 1030 * MS)).as("duplicate echo").isFalse();
        assertThat(rtt.closeIntervalMs()).isEqualTo(20.0);
    }
}

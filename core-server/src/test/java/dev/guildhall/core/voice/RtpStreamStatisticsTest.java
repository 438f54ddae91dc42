package dev.guildhall.core.voice;

import dev.guildhall.core.voice.RtpStreamStatistics.Interval;
import dev.guildhall.core.voice.RtpStreamStatistics.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RtpStreamStatisticsTest {
    private static final long MS = 1_000_000L;
    private static final int FRAME = 960; // 20 ms at 48 kHz

    private final RtpStreamStatistics stats = RtpStreamStatistics.opus();

    /** Packet n of a perfect 20 ms stream: seq base+n, timestamp tsBase+960n, arrival 20n ms (+ extra). */
    private Outcome packet(int seq, long timestamp, long arrivalMs) {
        return stats.onPacket(seq & 0xFFFF, timestamp & 0xFFFF_FFFFL, arrivalMs * MS);
    }

    @Test
    void perfectStreamHasNoLossAndNoJitter() {
        for (int n = 0; n < 250; n++) {
            assertThat(packet(1000 + n, 5000L + (long) FRAME * n, 20L * n)).isEqualTo(Outcome.COUNTED);
        }
        Interval interval = stats.closeInterval();
        assertThat(interval).isEqualTo(new Interval(250, 250, 0, 0.0, 0.0, 0, 0));
    }

    @Test
    void everyTenthPacketMissingGivesTenPercentLoss() {
        for (int n = 0; n < 250; n++) {
            if (n % 10 == 5) {
                continue;
            }
            packet(n, (long) FRAME * n, 20L * n);
        }
        Interval interval = stats.closeInterval();
        assertThat(interval.expected()).isEqualTo(250);
        assertThat(interval.received()).isEqualTo(225);
        assertThat(interval.lost()).isEqualTo(25);
        assertThat(interval.lossRatio()).isEqualTo(0.1);
        assertThat(interval.jitterMs()).isEqualTo(0.0); // gaps in sequence do not create jitter when timing is exact
    }

    @Test
    void sequenceWraparoundExtendsTheHighestSequence() {
        for (int n = 0; n < 20; n++) {
            packet(65530 + n, 123_456L + (long) FRAME * n, 20L * n);
        }
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 13);
        assertThat(stats.expected()).isEqualTo(20);
        assertThat(stats.received()).isEqualTo(20);
        assertThat(stats.closeInterval().lost()).isZero();
    }

    @Test
    void lossAcrossWraparoundIsCounted() {
        int[] seqs = {65533, 65534, /* 65535 lost */ 0, 1, /* 2, 3 lost */ 4};
        for (int i = 0; i < seqs.length; i++) {
            packet(seqs[i], (long) FRAME * i, 20L * i);
        }
        Interval interval = stats.closeInterval();
        assertThat(interval.expected()).isEqualTo(8);
        assertThat(interval.received()).isEqualTo(5);
        assertThat(interval.lost()).isEqualTo(3);
        assertThat(interval.lossRatio()).isEqualTo(3.0 / 8.0);
    }

    @Test
    void reorderedPacketFillsItsGapAndIsNotLoss() {
        assertThat(packet(0, 0, 0)).isEqualTo(Outcome.COUNTED);
        assertThat(packet(1, 960, 20)).isEqualTo(Outcome.COUNTED);
        assertThat(packet(3, 2880, 40)).isEqualTo(Outcome.COUNTED);
        assertThat(packet(2, 1920, 41)).isEqualTo(Outcome.LATE);
        assertThat(packet(4, 3840, 80)).isEqualTo(Outcome.COUNTED);
        Interval interval = stats.closeInterval();
        assertThat(interval.expected()).isEqualTo(5);
        assertThat(interval.received()).isEqualTo(5);
        assertThat(interval.lost()).isZero();
        assertThat(interval.late()).isEqualTo(1);
        assertThat(stats.closeInterval().late()).as("late counts per interval").isZero();
    }

    @Test
    void accountingAPacketAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int n = 0; n < 20_000; n++) { // warm up (JIT)
            stats.onPacket(n & 0xFFFF, 960L * n, 20L * n * MS, 60);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int n = 20_000; n < 120_000; n++) {
            stats.onPacket((n % 50 == 7 ? n - 3 : n) & 0xFFFF, 960L * n, 20L * n * MS, 60); // with late packets
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for 100,000 packets").isLessThan(1024);
    }

    @Test
    void payloadBytesPerIntervalExcludeDuplicates() {
        stats.onPacket(1, 0, 0, 60);
        stats.onPacket(2, 960, 20 * MS, 70);
        stats.onPacket(2, 960, 21 * MS, 70); // duplicate
        assertThat(stats.closeInterval().payloadBytes()).isEqualTo(130);
        stats.onPacket(3, 1920, 40 * MS, 80);
        assertThat(stats.closeInterval().payloadBytes()).isEqualTo(80);
    }

    @Test
    void reorderingAcrossWraparoundIsLateNotAJump() {
        packet(65534, 0, 0);
        packet(0, 1920, 40);
        assertThat(packet(65535, 960, 41)).isEqualTo(Outcome.LATE);
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536);
        assertThat(stats.closeInterval().lost()).isZero();
    }

    @Test
    void duplicatesAreIgnored() {
        packet(10, 0, 0);
        packet(11, 960, 20);
        assertThat(packet(11, 960, 21)).isEqualTo(Outcome.DUPLICATE); // duplicate of the newest
        packet(12, 1920, 40);
        assertThat(packet(10, 0, 41)).isEqualTo(Outcome.DUPLICATE);   // duplicate of an older one
        assertThat(stats.duplicates()).isEqualTo(2);
        Interval interval = stats.closeInterval();
        assertThat(interval).isEqualTo(new Interval(3, 3, 0, 0.0, 0.0, 0, 0));
    }

    @Test
    void lateArrivalInTheNextIntervalNeverMakesLossNegative() {
        for (int n = 0; n < 10; n++) {
            if (n != 5) {
                packet(n, (long) FRAME * n, 20L * n);
            }
        }
        Interval first = stats.closeInterval();
        assertThat(first.expected()).isEqualTo(10);
        assertThat(first.received()).isEqualTo(9);
        assertThat(first.lost()).isEqualTo(1);
        assertThat(first.lossRatio()).isEqualTo(0.1);

        assertThat(packet(5, FRAME * 5L, 200)).isEqualTo(Outcome.LATE);
        for (int n = 10; n < 20; n++) {
            packet(n, (long) FRAME * n, 20L * n);
        }
        Interval second = stats.closeInterval();
        assertThat(second.expected()).isEqualTo(10);
        assertThat(second.received()).isEqualTo(11);
        assertThat(second.lost()).isZero();
        assertThat(second.lossRatio()).isZero();
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void emptyIntervalReportsNothing() {
        packet(0, 0, 0);
        stats.closeInterval();
        Interval idle = stats.closeInterval();
        assertThat(idle.isEmpty()).isTrue();
        assertThat(idle.lossRatio()).isZero();
    }

    @Test
    void jitterFollowsRfc3550ForOneDelayedPacket() {
        // packet 5 arrives 10 ms late (480 clock units); all others exactly on time
        for (int n = 0; n < 10; n++) {
            long arrival = 20L * n + (n == 5 ? 10 : 0);
            packet(n, (long) FRAME * n, arrival);
        }
        // D(4,5) = 480 -> J = 30; D(5,6) = 480 -> J = 30 + 450/16 = 58.125; then D = 0 for 3 more packets
        double expected = 58.125 * Math.pow(15.0 / 16.0, 3);
        assertThat(stats.jitterClockUnits()).isCloseTo(expected, within(1e-9));
        assertThat(stats.jitterMs()).isCloseTo(expected / 48.0, within(1e-9));
    }

    @Test
    void jitterConvergesTowardsAlternatingDelay() {
        // every odd packet arrives 5 ms late: |D| = 240 units for every pair after the first packet
        int packets = 101;
        for (int n = 0; n < packets; n++) {
            packet(n, (long) FRAME * n, 20L * n + (n % 2 == 1 ? 5 : 0));
        }
        double expected = 240.0 * (1 - Math.pow(15.0 / 16.0, packets - 1));
        assertThat(stats.jitterClockUnits()).isCloseTo(expected, within(1e-6));
        assertThat(stats.closeInterval().jitterMs()).isCloseTo(expected / 48.0, within(1e-6));
        assertThat(stats.jitterMs()).isCloseTo(5.0, within(0.01)); // converged near the 5 ms variation
    }

    @Test
    void jitterSurvivesTimestampWraparound() {
        long start = (1L << 32) - 3L * FRAME;
        for (int n = 0; n < 10; n++) {
            packet(n, start + (long) FRAME * n, 20L * n);
        }
        assertThat(stats.jitterClockUnits()).isZero();
    }

    @Test
    void reorderedPacketFeedsJitterLikeAnyOther() {
        packet(0, 0, 0);
        packet(2, 1920, 40);
        packet(1, 960, 41); // transit difference vs packet 2: (41-40)ms*48 - (960-1920) = 48 + 960 = 1008
        assertThat(stats.jitterClockUnits()).isCloseTo(1008.0 / 16.0, within(1e-9));
    }

    @Test
    void singleLargeJumpIsIgnoredAndConfirmedJumpRestarts() {
        for (int n = 0; n < 10; n++) {
            packet(n, (long) FRAME * n, 20L * n);
        }
        assertThat(packet(40_000, 9600, 200)).isEqualTo(Outcome.BAD_SEQUENCE);
        assertThat(stats.expected()).isEqualTo(10);
        assertThat(stats.received()).isEqualTo(10);
        assertThat(packet(40_001, 10560, 220)).isEqualTo(Outcome.RESYNCHRONISED);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
        packet(40_002, 11520, 240);
        Interval interval = stats.closeInterval();
        assertThat(interval.expected()).isEqualTo(2);
        assertThat(interval.received()).isEqualTo(2);
        assertThat(interval.lost()).isZero();
    }

    @Test
    void gapBelowDropoutIsLossNotResync() {
        packet(0, 0, 0);
        assertThat(packet(2000, 960L * 2000, 40_000)).isEqualTo(Outcome.COUNTED);
        Interval interval = stats.closeInterval();
        assertThat(interval.expected()).isEqualTo(2001);
        assertThat(interval.lost()).isEqualTo(1999);
    }
}

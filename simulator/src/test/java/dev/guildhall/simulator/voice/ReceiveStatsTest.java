package dev.guildhall.simulator.voice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveStatsTest {
    @Test
    void gapsAreLossReorderedPacketsLateAndRepeatsDuplicates() {
        ReceiveStats stats = new ReceiveStats();
        assertThat(stats.onPacket(1, 65534).lost()).isZero();
        assertThat(stats.onPacket(1, 65535).lost()).isZero();
        assertThat(stats.onPacket(1, 2).lost()).as("0 and 1 missing across the wrap").isEqualTo(2);
        assertThat(stats.onPacket(1, 1).late()).isTrue();
        assertThat(stats.onPacket(1, 2).duplicate()).isTrue();
        assertThat(stats.onPacket(2, 500).lost()).as("senders are independent").isZero();
        stats.reset();
        assertThat(stats.onPacket(1, 100).lost()).isZero();
    }
}

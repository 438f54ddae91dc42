package dev.guildhall.simulator.voice;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPacketTest {

    @Test
    void headerFollowsRfc3550() {
        byte[] payload = {1, 2, 3};
        byte[] p = RtpPacket.build(true, 120, 0xBEEF, 0x01020304L, 0xCAFEBABEL, payload);

        assertThat(p).hasSize(15);
        assertThat((p[0] & 0xFF) >>> 6).as("version").isEqualTo(2);
        assertThat(p[0] & 0x20).as("padding").isZero();
        assertThat(p[0] & 0x10).as("extension").isZero();
        assertThat(p[0] & 0x0F).as("csrc count").isZero();
        assertThat(p[1] & 0x80).as("marker").isEqualTo(0x80);
        assertThat(p[1] & 0x7F).as("payload type").isEqualTo(120);
        assertThat(RtpPacket.sequence(p)).isEqualTo(0xBEEF);
        assertThat(RtpPacket.timestamp(p)).isEqualTo(0x01020304L);
        assertThat(RtpPacket.ssrc(p)).isEqualTo(0xCAFEBABEL);
        assertThat(Arrays.copyOfRange(p, 12, 15)).containsExactly(1, 2, 3);
    }

    @Test
    void fieldsAreTruncatedToTheirWidth() {
        byte[] p = RtpPacket.build(false, 120, 0x1_0005, 0x1_0000_0007L, 0x1_0000_0009L, new byte[0]);
        assertThat(p[1] & 0x80).isZero();
        assertThat(RtpPacket.sequence(p)).isEqualTo(5);
        assertThat(RtpPacket.timestamp(p)).isEqualTo(7);
        assertThat(RtpPacket.ssrc(p)).isEqualTo(9);
    }

    @Test
    void rejectsAPayloadTypeOutsideSevenBits() {
        assertThatThrownBy(() -> RtpPacket.build(false, 128, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type");
    }

    @Test
    void packetsCarryTheirSendTime() {
        byte[] p = new RtpStream(42, new Random(1)).nextPacket(123_456_789_012L);
        assertThat(RtpStream.sendTime(p)).isEqualTo(123_456_789_012L);
        assertThat(p[12]).as("Opus TOC byte first").isEqualTo((byte) 0x78);
        assertThat(RtpStream.sendTime(new byte[15])).isZero();
    }

    @Test
    void streamAdvancesSequenceAndTimestampPerFrameAndWraps() {
        RtpStream s = new RtpStream(42, new Random(1));
        byte[] first = s.nextPacket(1);
        byte[] second = s.nextPacket(1);
        assertThat(RtpPacket.sequence(second)).isEqualTo((RtpPacket.sequence(first) + 1) & 0xFFFF);
        assertThat(RtpPacket.timestamp(second)).isEqualTo((RtpPacket.timestamp(first) + 960) & 0xFFFFFFFFL);
        assertThat(first[1] & 0x80).as("first packet starts a talk spurt").isEqualTo(0x80);
        assertThat(second[1] & 0x80).isZero();
        assertThat(first.length - 12).isBetween(40, 80);
        assertThat(RtpPacket.ssrc(first)).isEqualTo(42);

        // over 70 000 frames both counters wrap around at least once and stay consistent
        int seq = RtpPacket.sequence(second);
        long ts = RtpPacket.timestamp(second);
        for (int i = 0; i < 70_000; i++) {
            s.skipPacket();
        }
        byte[] later = s.nextPacket(1);
        assertThat(RtpPacket.sequence(later)).isEqualTo((seq + 70_001) & 0xFFFF);
        assertThat(RtpPacket.timestamp(later)).isEqualTo((ts + 960L * 70_001) & 0xFFFFFFFFL);
    }

    @Test
    void silenceAdvancesTheClockButNotTheSequenceAndMarksTheNextSpurt() {
        RtpStream s = new RtpStream(7, new Random(2));
        byte[] a = s.nextPacket(1);
        s.silence();
        s.silence();
        byte[] b = s.nextPacket(1);
        assertThat(RtpPacket.sequence(b)).isEqualTo((RtpPacket.sequence(a) + 1) & 0xFFFF);
        assertThat(RtpPacket.timestamp(b)).isEqualTo((RtpPacket.timestamp(a) + 3 * 960) & 0xFFFFFFFFL);
        assertThat(b[1] & 0x80).isEqualTo(0x80);
    }
}

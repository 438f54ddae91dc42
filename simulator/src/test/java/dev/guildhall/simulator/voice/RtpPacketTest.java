package dev.guildhall.simulator.voice;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
        assertThat(RtpPacket.isRtp(p, p.length)).isTrue();
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
    void helloMatchesTheSkeletonProtocol() {
        byte[] h = RtpPacket.hello(0xFFFFFFFEL, "abc123");
        assertThat(Arrays.copyOfRange(h, 0, 8)).containsExactly(0x47, 0x48, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFE);
        assertThat(new String(h, 8, h.length - 8, StandardCharsets.US_ASCII)).isEqualTo("abc123");
        assertThat(RtpPacket.isRtp(h, h.length)).as("HELLO starts with 0x47 = version 1, never RTP").isFalse();
    }

    @Test
    void helloAckIsRecognisedOnlyForItsSsrc() {
        byte[] ack = {0x47, 0x48, 0x02, 0x00, 0, 0, 0x01, 0x02};
        assertThat(RtpPacket.isHelloAck(ack, 8, 0x0102)).isTrue();
        assertThat(RtpPacket.isHelloAck(ack, 8, 0x0103)).isFalse();
        assertThat(RtpPacket.isHelloAck(ack, 7, 0x0102)).isFalse();
        byte[] hello = RtpPacket.hello(0x0102, "t");
        assertThat(RtpPacket.isHelloAck(hello, hello.length, 0x0102)).isFalse();
    }

    @Test
    void streamAdvancesSequenceAndTimestampPerFrameAndWraps() {
        RtpStream s = new RtpStream(42, new Random(1));
        byte[] first = s.nextPacket();
        byte[] second = s.nextPacket();
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
        byte[] later = s.nextPacket();
        assertThat(RtpPacket.sequence(later)).isEqualTo((seq + 70_001) & 0xFFFF);
        assertThat(RtpPacket.timestamp(later)).isEqualTo((ts + 960L * 70_001) & 0xFFFFFFFFL);
    }

    @Test
    void silenceAdvancesTheClockButNotTheSequenceAndMarksTheNextSpurt() {
        RtpStream s = new RtpStream(7, new Random(2));
        byte[] a = s.nextPacket();
        s.silence();
        s.silence();
        byte[] b = s.nextPacket();
        assertThat(RtpPacket.sequence(b)).isEqualTo((RtpPacket.sequence(a) + 1) & 0xFFFF);
        assertThat(RtpPacket.timestamp(b)).isEqualTo((RtpPacket.timestamp(a) + 3 * 960) & 0xFFFFFFFFL);
        assertThat(b[1] & 0x80).isEqualTo(0x80);
    }
}

package dev.guildhall.simulator.voice;

import java.util.Random;

/**
 * The sending side of one RTP stream: sequence +1 per packet (wrapping at 2^16), timestamp +960 per 20 ms frame
 * (wrapping at 2^32), random initial values as RFC 3550 asks. Frames of silence advance the timestamp but send
 * nothing; the first packet after silence carries the marker bit.
 */
public final class RtpStream {
    private final long ssrc;
    private final Random random;
    private int sequence;
    private long timestamp;
    private boolean spurtStart = true;

    public RtpStream(long ssrc, Random random) {
        this.ssrc = ssrc;
        this.random = random;
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
    }

    /**
     * The next packet: 40..80 bytes of fake Opus payload after a plausible TOC byte; bytes 1..8 carry
     * {@code sendNanos} ({@link System#nanoTime()} when the frame was spoken) so a listener in the same JVM can
     * measure mouth-to-ear delay ({@link #sendTime}).
     */
    public byte[] nextPacket(long sendNanos) {
        byte[] payload = new byte[40 + random.nextInt(41)];
        random.nextBytes(payload);
        payload[0] = (byte) 0x78; // Opus TOC byte: config 15 (hybrid fullband, 20 ms), mono, one frame
        java.nio.ByteBuffer.wrap(payload, 1, 8).putLong(sendNanos);
        byte[] packet = RtpPacket.build(spurtStart, RtpPacket.PAYLOAD_TYPE, sequence, timestamp, ssrc, payload);
        spurtStart = false;
        advance();
        return packet;
    }

    /** A frame that is lost on purpose: the sequence number is consumed, nothing is sent. */
    public void skipPacket() {
        advance();
    }

    /** A 20 ms frame of silence: timestamp advances, sequence does not; the next packet starts a talk spurt. */
    public void silence() {
        timestamp = (timestamp + RtpPacket.SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
        spurtStart = true;
    }

    /** The send time a packet of {@link #nextPacket} carries, or 0 if it is too short to carry one. */
    public static long sendTime(byte[] rtp) {
        int at = RtpPacket.HEADER_LENGTH + 1;
        return rtp.length < at + 8 ? 0 : java.nio.ByteBuffer.wrap(rtp, at, 8).getLong();
    }

    private void advance() {
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + RtpPacket.SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
    }

    public long ssrc() {
        return ssrc;
    }

    public int sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }
}

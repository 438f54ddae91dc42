package dev.guildhall.simulator.voice;

import java.nio.ByteBuffer;

/**
 * Builds and reads RTP packets (RFC 3550 section 5.1: 12-byte header, version 2, no padding, no extension, no
 * CSRC).
 */
public final class RtpPacket {
    public static final int HEADER_LENGTH = 12;
    public static final int VERSION = 2;
    public static final int PAYLOAD_TYPE = 120;
    /** 20 ms of Opus at 48 kHz */
    public static final int SAMPLES_PER_FRAME = 960;

    private RtpPacket() {
    }

    /**
     * @param marker    first packet of a talk spurt
     * @param sequence  16-bit sequence number (taken modulo 2^16)
     * @param timestamp 32-bit RTP timestamp (taken modulo 2^32)
     * @param ssrc      32-bit synchronisation source
     */
    public static byte[] build(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, got " + payloadType);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
        b.put((byte) (VERSION << 6));
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) (sequence & 0xFFFF));
        b.putInt((int) (timestamp & 0xFFFFFFFFL));
        b.putInt((int) (ssrc & 0xFFFFFFFFL));
        b.put(payload);
        return b.array();
    }

    public static int sequence(byte[] data) {
        return ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    }

    public static long timestamp(byte[] data) {
        return ByteBuffer.wrap(data, 4, 4).getInt() & 0xFFFFFFFFL;
    }

    public static long ssrc(byte[] data) {
        return ByteBuffer.wrap(data, 8, 4).getInt() & 0xFFFFFFFFL;
    }
}

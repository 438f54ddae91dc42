package dev.guildhall.core.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal voice client over a real UDP socket, speaking the skeleton protocol of docs/runtime-contract.md:
 * HELLO / HELLO_ACK, then RTP (version 2, payload type 120, 20 ms Opus frames: timestamp +960, seq +1).
 * Test code only.
 */
final class VoiceTestClient implements AutoCloseable {
    static final int PAYLOAD_TYPE = 120;
    static final int FRAME_SAMPLES = 960;

    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final VoiceGrant grant;

    VoiceTestClient(VoiceGrant grant) throws IOException {
        this(grant, new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    /** A client on the given socket (e.g. another client's socket, to spoof or share a source address). */
    VoiceTestClient(VoiceGrant grant, DatagramSocket socket) throws IOException {
        this.grant = grant;
        this.socket = socket;
        this.relay = new InetSocketAddress(grant.udpHost(), grant.udpPort());
        socket.setSoTimeout(2000);
    }

    VoiceGrant grant() {
        return grant;
    }

    DatagramSocket socket() {
        return socket;
    }

    static byte[] hello(long ssrc, String token) {
        byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + tokenBytes.length)
                .put((byte) 0x47).put((byte) 0x48).put((byte) 0x01).put((byte) 0x00)
                .putInt((int) ssrc).put(tokenBytes).array();
    }

    static byte[] rtp(long ssrc, int sequence, long timestamp, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length)
                .put((byte) 0x80).put((byte) PAYLOAD_TYPE)
                .putShort((short) sequence).putInt((int) timestamp).putInt((int) ssrc)
                .put(payload).array();
    }

    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, relay));
    }

    /** Sends HELLO with the grant's token and waits for HELLO_ACK; returns false if none came. */
    boolean connect() throws IOException {
        return connect(grant.sessionToken());
    }

    boolean connect(String token) throws IOException {
        sendRaw(hello(grant.ssrc(), token));
        byte[] ack = receive(1000);
        while (ack != null && !(ack.length == 8 && ack[0] == 0x47 && ack[1] == 0x48 && ack[2] == 0x02)) {
            ack = receive(1000); // skip relayed RTP that may already be flowing
        }
        return ack != null && ByteBuffer.wrap(ack, 4, 4).getInt() == (int) grant.ssrc();
    }

    /** Sends RTP frame number n of this client's stream (seq = n, timestamp = 960 n). */
    byte[] sendFrame(int n, byte[] payload) throws IOException {
        byte[] packet = rtp(grant.ssrc(), n & 0xFFFF, (long) FRAME_SAMPLES * n, payload);
        sendRaw(packet);
        return packet;
    }

    /** Next datagram, or null after the timeout. */
    byte[] receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** Ssrc field of an RTP datagram. */
    static long ssrcOf(byte[] rtp) {
        return ByteBuffer.wrap(rtp, 8, 4).getInt() & 0xFFFF_FFFFL;
    }

    @Override
    public void close() {
        socket.close();
    }
}

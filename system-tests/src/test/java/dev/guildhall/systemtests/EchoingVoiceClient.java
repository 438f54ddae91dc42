package dev.guildhall.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A skeleton-protocol voice client (docs/runtime-contract.md, "Voice") that also speaks the relay's RTT scheme
 * (docs/api.md, "Voice telemetry"): it sends 8-byte keepalives (discord.js form: little-endian counter) and echoes
 * the relay's 8-byte {@code "GHRT"} probes unchanged. It may talk to the relay through an impairment proxy.
 */
final class EchoingVoiceClient implements AutoCloseable {
    private static final int PROBE_MAGIC = 0x47485254;

    /** The relay's answer to {@code POST /channels/{id}/voice/join}. */
    record Grant(long ssrc, InetSocketAddress relay, byte[] token) {
        static Grant join(RestClient rest, String userToken, String voiceChannelId) {
            JsonNode g = rest.ok("POST", "/channels/" + voiceChannelId + "/voice/join", userToken, Map.of());
            return new Grant(g.get("ssrc").asLong(), new InetSocketAddress(g.get("udp_host").asText(),
                    g.get("udp_port").asInt()), g.get("session_token").asText().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final Grant grant;
    private final InetSocketAddress target;
    private final DatagramSocket socket;
    private final Thread receiver;
    private volatile boolean bound;
    private volatile long probesEchoed;
    private int keepalives;
    private final long epochNanos = System.nanoTime();
    private int seq;

    /** A client of {@code grant} sending to {@code target} (the relay, or a proxy in front of it). */
    EchoingVoiceClient(Grant grant, InetSocketAddress target) throws IOException {
        this.grant = grant;
        this.target = target;
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        this.receiver = new Thread(this::receive, "echoing-voice-client-" + grant.ssrc());
        receiver.setDaemon(true);
        receiver.start();
    }

    boolean bound() {
        return bound;
    }

    long probesEchoed() {
        return probesEchoed;
    }

    void hello() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + grant.token().length);
        b.put((byte) 0x47).put((byte) 0x48).put((byte) 1).put((byte) 0).putInt((int) grant.ssrc()).put(grant.token());
        send(b.array());
    }

    void keepalive() throws IOException {
        send(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(keepalives++).putInt(0).array());
    }

    /**
     * The next frame: 60 bytes of payload, sequence +1, and the RTP timestamp of the moment it is sent (48 kHz), so
     * that the test's own pacing delays (a busy machine wakes the sending thread late) are not measured as network
     * jitter: the relay then sees only what happens between the sender's socket and its own.
     */
    void frame() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 60);
        long timestamp = (System.nanoTime() - epochNanos) * 48 / 1_000_000;
        b.put((byte) 0x80).put((byte) 120).putShort((short) seq).putInt((int) timestamp).putInt((int) grant.ssrc());
        seq = (seq + 1) & 0xFFFF;
        send(b.array());
    }

    private void send(byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, target));
    }

    private void receive() {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
                if (p.getLength() == 8 && b.getInt(0) == PROBE_MAGIC) {
                    send(java.util.Arrays.copyOf(buf, 8)); // echo the relay's probe unchanged
                    probesEchoed++;
                } else if (p.getLength() == 8 && buf[0] == 0x47 && buf[1] == 0x48 && buf[2] == 2
                        && b.getInt(4) == (int) grant.ssrc()) {
                    bound = true; // HELLO_ACK
                }
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

package dev.guildhall.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** A voice client of the skeleton protocol (docs/runtime-contract.md, "Voice"): join, UDP HELLO, RTP frames. */
final class VoiceClient implements AutoCloseable {
    final long ssrc;
    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final byte[] token;
    private final AtomicLong received = new AtomicLong();
    private final Thread receiver;
    private int seq;
    private long timestamp;

    VoiceClient(RestClient rest, String userToken, String voiceChannelId) throws IOException {
        JsonNode grant = rest.ok("POST", "/channels/" + voiceChannelId + "/voice/join", userToken, java.util.Map.of());
        this.ssrc = grant.get("ssrc").asLong();
        this.relay = new InetSocketAddress(grant.get("udp_host").asText(), grant.get("udp_port").asInt());
        this.token = grant.get("session_token").asText().getBytes(StandardCharsets.US_ASCII);
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        hello();
        this.receiver = new Thread(this::receive, "voice-client-" + ssrc);
        receiver.setDaemon(true);
        receiver.start();
    }

    void hello() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + token.length);
        b.put((byte) 0x47).put((byte) 0x48).put((byte) 1).put((byte) 0).putInt((int) ssrc).put(token);
        socket.send(new DatagramPacket(b.array(), b.position(), relay));
    }

    /** Sends the next 20 ms frame; with skip=true the sequence number is consumed but nothing is sent (loss). */
    void frame(boolean skip) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 60);
        b.put((byte) 0x80).put((byte) 120).putShort((short) seq).putInt((int) timestamp).putInt((int) ssrc);
        seq = (seq + 1) & 0xFFFF;
        timestamp += 960;
        if (!skip) {
            socket.send(new DatagramPacket(b.array(), b.capacity(), relay));
        }
    }

    long received() {
        return received.get();
    }

    private void receive() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                if (p.getLength() >= 12 && (buf[0] & 0xC0) == 0x80) {
                    received.incrementAndGet();
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

package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.aead.internal.InsecureNonceXChaCha20Poly1305;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client speaking Discord's voice protocol with its own implementation (independent of the server's code):
 * the voice gateway v8 over TLS (java.net.http WebSocket trusting the server's self-signed certificate), IP
 * discovery and RTP on a UDP socket, transport encryption with the JDK's AES-GCM or Tink's XChaCha20-Poly1305 (what
 * JDA uses), nonce = 4-byte counter appended, RTP header as associated data.
 */
final class DiscordVoiceClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket ws;
    private final DatagramSocket udp;
    long lastSeq = -1;
    long ssrc;
    InetSocketAddress relay;
    String mode;
    byte[] key;
    private int nonce = 7;
    private int sequence = 100;
    private long timestamp = 5000;

    DiscordVoiceClient(String endpoint, X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("voice", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        this.ws = HttpClient.newBuilder().sslContext(ssl).build().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://" + endpoint + "/?v=8"), new Listener()).join();
        this.udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.udp.setSoTimeout(2000);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode p = JSON.readTree(partial.toString());
                    if (p.has("seq")) {
                        lastSeq = p.get("seq").asLong();
                    }
                    received.add(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }

    void send(int op, Object d) {
        ObjectNode p = JSON.createObjectNode();
        p.put("op", op);
        p.set("d", JSON.valueToTree(d));
        ws.sendText(p.toString(), true).join();
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /** The next payload with this op (others are skipped), or null after the timeout. */
    JsonNode next(int op, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (p != null && p.path("op").asInt(-1) == op) {
                return p;
            }
        }
        return null;
    }

    Integer closeCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    void drop() {
        ws.abort();
    }

    /** IDENTIFY, then READY: remembers ssrc and the relay's address. */
    JsonNode identify(String serverId, String userId, String sessionId, String token) throws InterruptedException {
        send(0, java.util.Map.of("server_id", serverId, "user_id", userId, "session_id", sessionId, "token", token));
        JsonNode ready = next(2, Duration.ofSeconds(10));
        if (ready != null) {
            ssrc = ready.path("d").path("ssrc").asLong();
            relay = new InetSocketAddress(ready.path("d").path("ip").asText(), ready.path("d").path("port").asInt());
        }
        return ready;
    }

    /** IP discovery as Discord documents it: 74-byte request, the answer names our address and port. */
    InetSocketAddress discover() throws Exception {
        ByteBuffer request = ByteBuffer.allocate(74).putShort((short) 1).putShort((short) 70).putInt((int) ssrc);
        udp.send(new DatagramPacket(request.array(), 74, relay));
        byte[] buf = new byte[128];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        udp.receive(answer);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, answer.getLength());
        if (answer.getLength() != 74 || b.getShort() != 2 || b.getShort() != 70 || (b.getInt() & 0xFFFFFFFFL) != ssrc) {
            throw new AssertionError("bad discovery answer");
        }
        byte[] address = new byte[64];
        b.get(address);
        int end = 0;
        while (end < 64 && address[end] != 0) {
            end++;
        }
        return new InetSocketAddress(new String(address, 0, end, StandardCharsets.US_ASCII), b.getShort() & 0xFFFF);
    }

    /** SELECT_PROTOCOL with the discovered address, then SESSION_DESCRIPTION: remembers mode and key. */
    JsonNode selectProtocol(InetSocketAddress self, String wantedMode) throws InterruptedException {
        send(1, java.util.Map.of("protocol", "udp", "data", java.util.Map.of("address", self.getHostString(),
                "port", self.getPort(), "mode", wantedMode)));
        JsonNode description = next(4, Duration.ofSeconds(10));
        if (description != null) {
            mode = description.path("d").path("mode").asText();
            key = new byte[32];
            for (int i = 0; i < 32; i++) {
                key[i] = (byte) description.path("d").path("secret_key").get(i).asInt();
            }
        }
        return description;
    }

    /** One encrypted 20 ms Opus packet (RTP header with payload type 0x78). */
    void sendOpus(byte[] opus) throws Exception {
        byte[] packet = encryptedPacket(opus);
        udp.send(new DatagramPacket(packet, packet.length, relay));
    }

    byte[] encryptedPacket(byte[] opus) throws Exception {
        ByteBuffer header = ByteBuffer.allocate(12).put((byte) 0x80).put((byte) 0x78).putShort((short) sequence)
                .putInt((int) timestamp).putInt((int) ssrc);
        byte[] packet = seal(header.array(), opus, nonce);
        return packet;
    }

    /** Advances sequence, timestamp and nonce after a frame was sent. */
    void nextFrame() {
        sequence++;
        timestamp += 960;
        nonce++;
    }

    void sendRawUdp(byte[] data) throws Exception {
        udp.send(new DatagramPacket(data, data.length, relay));
    }

    private byte[] seal(byte[] header, byte[] plain, int n) throws Exception {
        byte[] sealed;
        if ("aead_aes256_gcm_rtpsize".equals(mode)) {
            byte[] iv = ByteBuffer.allocate(12).putInt(n).array();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(header);
            sealed = c.doFinal(plain);
        } else {
            byte[] xnonce = ByteBuffer.allocate(24).putInt(n).array();
            sealed = new InsecureNonceXChaCha20Poly1305(key).encrypt(xnonce, plain, header);
        }
        return ByteBuffer.allocate(header.length + sealed.length + 4).put(header).put(sealed).putInt(n).array();
    }

    /** A received RTP packet, decrypted: ssrc, sequence and the Opus payload; null on timeout. */
    record Received(long ssrc, int sequence, byte[] opus) {
    }

    /** How long {@link #receive} waits for a datagram (2 s unless set). */
    void receiveTimeout(Duration timeout) throws java.net.SocketException {
        udp.setSoTimeout((int) timeout.toMillis());
    }

    Received receive() throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            udp.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        byte[] packet = Arrays.copyOf(buf, p.getLength());
        int first = packet[0] & 0xFF;
        int header = 12 + 4 * (first & 0x0F) + ((first & 0x10) != 0 ? 4 : 0);
        int n = ByteBuffer.wrap(packet, packet.length - 4, 4).getInt();
        byte[] aad = Arrays.copyOf(packet, header);
        byte[] ct = Arrays.copyOfRange(packet, header, packet.length - 4);
        byte[] plain;
        if ("aead_aes256_gcm_rtpsize".equals(mode)) {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, ByteBuffer.allocate(12).putInt(n).array()));
            c.updateAAD(aad);
            plain = c.doFinal(ct);
        } else {
            plain = new InsecureNonceXChaCha20Poly1305(key).decrypt(ByteBuffer.allocate(24).putInt(n).array(), ct, aad);
        }
        ByteBuffer h = ByteBuffer.wrap(packet);
        return new Received(h.getInt(8) & 0xFFFFFFFFL, h.getShort(2) & 0xFFFF, plain);
    }

    @Override
    public void close() {
        ws.abort();
        udp.close();
    }
}

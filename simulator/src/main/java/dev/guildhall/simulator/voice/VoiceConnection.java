package dev.guildhall.simulator.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.simulator.gateway.Heartbeat;
import dev.guildhall.simulator.gateway.JsonFrames;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One connection to one voice server, as a Discord client makes it after VOICE_SERVER_UPDATE: the voice gateway v8
 * over TLS ({@code wss://endpoint/?v=8}: HELLO → IDENTIFY → READY, heartbeats {@code {t, seq_ack}} timed by their
 * HEARTBEAT_ACK), UDP IP discovery, SELECT_PROTOCOL ({@link TransportCipher#MODE}) → SESSION_DESCRIPTION, SPEAKING;
 * then encrypted RTP both ways. On UDP it sends 8-byte keepalives every 5 s (discord.js form: a little-endian
 * counter) and times the relay's echo, and echoes the relay's {@code "GHRT"} RTT probes unchanged. UDP goes to the
 * relay of READY, or wherever {@code path} sends it instead (an impairment proxy).
 * Received RTP is decrypted: loss and late packets from sequence numbers, mouth-to-ear delay from the send time
 * the sender put in its payload (same JVM, same clock).
 */
final class VoiceConnection {
    private static final Logger log = LoggerFactory.getLogger(VoiceConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int PROBE_MAGIC = 0x47485254;
    static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What the owner learns from a connection. */
    interface Events {
        /** The voice gateway socket closed (code -1: failed or lost without a close frame). */
        void closed(VoiceConnection connection, int code);
    }

    private final String username;
    private final String endpoint;
    private final ObjectNode identify;
    private final HttpClient http;
    private final Heartbeat heartbeat;
    private final Executor blocking;
    private final SimulatorMetrics metrics;
    private final Events events;
    private final UnaryOperator<InetSocketAddress> path;
    private final Random random;
    private final ReceiveStats receiveStats = new ReceiveStats();
    private final JsonFrames frames = new JsonFrames();
    private final Object sendLock = new Object();

    private volatile WebSocket ws;
    private volatile long seqAck = -1;
    private volatile long ssrc;
    private volatile DatagramSocket udp;
    private volatile InetSocketAddress relay;
    private volatile TransportCipher cipher;
    private volatile boolean closed;
    private volatile RtpStream stream;
    private long lastKeepaliveNanos;
    private int keepaliveCounter;
    private final long[] keepaliveSent = new long[8];

    VoiceConnection(String username, String endpoint, ObjectNode identify, HttpClient http,
                    ScheduledExecutorService scheduler, Executor blocking, SimulatorMetrics metrics, Random random,
                    UnaryOperator<InetSocketAddress> path, Events events) {
        this.path = path;
        this.username = username;
        this.endpoint = endpoint;
        this.identify = identify;
        this.http = http;
        this.heartbeat = new Heartbeat(scheduler);
        this.blocking = blocking;
        this.metrics = metrics;
        this.random = random;
        this.events = events;
    }

    String endpoint() {
        return endpoint;
    }

    /** Connects asynchronously; the outcome arrives through the socket's callbacks. */
    void open() {
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("wss://" + endpoint + "/?v=8"), new Listener())
                .whenComplete((socket, error) -> {
                    if (error != null) {
                        log.warn("voice {}: cannot connect to wss://{}: {}", username, endpoint, error.toString());
                        finish(-1);
                    } else if (closed) {
                        socket.abort();
                    }
                });
    }

    /** Ready to talk: SESSION_DESCRIPTION received. */
    boolean ready() {
        return cipher != null && !closed;
    }

    /** Sends one frame (called from the 20 ms clock); the payload carries its send time. */
    void sendFrame(long nowNanos) {
        TransportCipher c = cipher;
        RtpStream s = stream;
        if (c == null || s == null || closed) {
            return;
        }
        sendUdp(c.seal(s.nextPacket(nowNanos)));
        metrics.voicePacketsSent.increment();
    }

    /** A frame of silence, or one lost on purpose (impairment). */
    void skipFrame(boolean lost) {
        RtpStream s = stream;
        if (s != null) {
            if (lost) {
                s.skipPacket();
            } else {
                s.silence();
            }
        }
    }

    /** Every 5 s: an 8-byte keepalive whose echo the receive thread times. */
    void keepaliveIfDue(long nowNanos) {
        if (!ready() || nowNanos - lastKeepaliveNanos < KEEPALIVE_NANOS) {
            return;
        }
        lastKeepaliveNanos = nowNanos;
        int counter = keepaliveCounter++;
        synchronized (keepaliveSent) {
            keepaliveSent[counter & 7] = nowNanos;
        }
        sendUdp(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(counter).putInt(0).array());
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return frames.receive(webSocket, data, last, VoiceConnection.this::handle,
                    e -> log.warn("voice {}: payload not understood: {}", username, e.toString()));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            log.info("voice {}: voice gateway {} closed code={} reason={}", username, endpoint, statusCode, reason);
            finish(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            log.warn("voice {}: voice gateway {} failed: {}", username, endpoint, error.toString());
            finish(-1);
        }
    }

    private void handle(WebSocket socket, JsonNode payload) {
        if (payload.hasNonNull("seq")) {
            seqAck = payload.get("seq").asLong();
        }
        JsonNode d = payload.path("d");
        switch (payload.path("op").asInt(-1)) {
            case 8 -> { // HELLO
                long interval = Math.max(1000, d.path("heartbeat_interval").asLong(13_750));
                if (!heartbeat.start(interval / 2, interval, this::sendHeartbeat)) {
                    close();
                    return;
                }
                send(0, identify);
            }
            case 2 -> { // READY
                ssrc = d.path("ssrc").asLong();
                relay = path.apply(new InetSocketAddress(d.path("ip").asText(), d.path("port").asInt()));
                blocking.execute(this::discoverAndSelect);
            }
            case 4 -> { // SESSION_DESCRIPTION
                JsonNode secret = d.path("secret_key");
                byte[] key = new byte[secret.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = (byte) secret.get(i).asInt();
                }
                stream = new RtpStream(ssrc, random);
                cipher = new TransportCipher(key, random.nextInt(1 << 16) + 1);
                ObjectNode speaking = JSON.createObjectNode();
                speaking.put("speaking", 1);
                speaking.put("delay", 0);
                speaking.put("ssrc", ssrc);
                send(5, speaking);
                metrics.voiceClientsBound.incrementAndGet();
                log.info("voice {} connected endpoint={} ssrc={} mode={}", username, endpoint, ssrc,
                        d.path("mode").asText());
            }
            case 6 -> { // HEARTBEAT_ACK
                long t = d.path("t").asLong(0);
                long rtt = System.currentTimeMillis() - t;
                if (t > 0 && rtt >= 0 && rtt < 60_000) {
                    metrics.voiceGatewayRtt.record(rtt);
                }
            }
            default -> {
                // SPEAKING, CLIENTS_CONNECT, CLIENT_DISCONNECT of the others: nothing to do
            }
        }
    }

    private void sendHeartbeat() {
        ObjectNode d = JSON.createObjectNode();
        d.put("t", System.currentTimeMillis());
        d.put("seq_ack", seqAck);
        send(3, d);
    }

    /** IP discovery (74-byte request, retried), then SELECT_PROTOCOL with the address the relay saw. */
    private void discoverAndSelect() {
        try {
            DatagramSocket socket = new DatagramSocket();
            udp = socket;
            socket.setSoTimeout(1000);
            InetSocketAddress self = null;
            for (int attempt = 0; attempt < 5 && self == null && !closed; attempt++) {
                ByteBuffer request = ByteBuffer.allocate(74).putShort((short) 1).putShort((short) 70)
                        .putInt((int) ssrc);
                socket.send(new DatagramPacket(request.array(), 74, relay));
                self = discoveryAnswer(socket);
            }
            if (self == null) {
                log.warn("voice {}: no IP discovery answer from {}", username, relay);
                finish(-1);
                return;
            }
            Thread receiver = new Thread(this::receive, "voice-rx-" + username);
            receiver.setDaemon(true);
            receiver.start();
            ObjectNode data = JSON.createObjectNode();
            data.put("address", self.getHostString());
            data.put("port", self.getPort());
            data.put("mode", TransportCipher.MODE);
            ObjectNode select = JSON.createObjectNode();
            select.put("protocol", "udp");
            select.set("data", data);
            send(1, select);
        } catch (IOException e) {
            log.warn("voice {}: UDP setup failed: {}", username, e.toString());
            finish(-1);
        }
    }

    private InetSocketAddress discoveryAnswer(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[128];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline) {
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
            if (p.getLength() == 74 && b.getShort() == 2 && b.getShort() == 70 && b.getInt() == (int) ssrc) {
                int end = 8;
                while (end < 72 && buf[end] != 0) {
                    end++;
                }
                return new InetSocketAddress(new String(buf, 8, end - 8, StandardCharsets.US_ASCII),
                        ((buf[72] & 0xFF) << 8) | (buf[73] & 0xFF));
            }
        }
        return null;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        DatagramSocket socket = udp;
        while (!closed) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            int length = p.getLength();
            long now = System.nanoTime();
            if (length == 8) {
                onEightBytes(buf, now);
                continue;
            }
            TransportCipher c = cipher;
            byte[] rtp = c == null ? null : c.open(buf, length);
            if (rtp == null) {
                metrics.voicePacketsUndecryptable.increment();
                continue;
            }
            metrics.voicePacketsReceived.increment();
            ReceiveStats.Outcome outcome = receiveStats.onPacket(RtpPacket.ssrc(rtp), RtpPacket.sequence(rtp));
            if (outcome.lost() > 0) {
                metrics.voicePacketsLost.increment(outcome.lost());
            }
            if (outcome.late()) {
                metrics.voicePacketsLate.increment();
            }
            long sentNanos = RtpStream.sendTime(rtp);
            if (sentNanos != 0 && now >= sentNanos) {
                metrics.voiceMouthToEar.record((now - sentNanos) / 1e6);
            }
        }
    }

    /** An RTT probe of the relay (echoed unchanged) or the echo of one of our keepalives (timed). */
    private void onEightBytes(byte[] buf, long now) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, 8);
        if (b.getInt(0) == PROBE_MAGIC) {
            sendUdp(java.util.Arrays.copyOf(buf, 8));
            metrics.voiceProbesEchoed.increment();
            return;
        }
        int counter = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        long sent;
        synchronized (keepaliveSent) {
            sent = keepaliveSent[counter & 7];
            keepaliveSent[counter & 7] = 0;
        }
        if (sent != 0) {
            metrics.voiceUdpRtt.record((now - sent) / 1e6);
        }
    }

    private void sendUdp(byte[] data) {
        DatagramSocket s = udp;
        InetSocketAddress to = relay;
        if (s == null || to == null || closed) {
            return;
        }
        try {
            s.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            log.debug("voice {} send failed: {}", username, e.toString());
        }
    }

    private void send(int op, JsonNode d) {
        WebSocket socket = ws;
        if (socket == null || closed) {
            return;
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("op", op);
        payload.set("d", d);
        synchronized (sendLock) {
            try {
                socket.sendText(payload.toString(), true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("voice {}: send op {} failed: {}", username, op, e.toString());
            }
        }
    }

    /** The socket ended (closed by the server, failed): release everything and tell the owner once. */
    private void finish(int code) {
        if (release()) {
            events.closed(this, code);
        }
    }

    /** Closes this connection without telling the owner (it replaced or dropped it). */
    void close() {
        if (release()) {
            WebSocket socket = ws;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((r, e) -> socket.abort());
            }
        }
    }

    private synchronized boolean release() {
        if (closed) {
            return false;
        }
        closed = true;
        heartbeat.stop();
        DatagramSocket s = udp;
        if (s != null) {
            s.close();
        }
        if (cipher != null) {
            metrics.voiceClientsBound.decrementAndGet();
        }
        return true;
    }
}

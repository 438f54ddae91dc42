package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The gateway test client, on java.net.http.WebSocket: queues every payload it receives, reads a
 * {@code compress=zlib-stream} connection through one shared {@link Inflater} as Discord's docs describe (buffer
 * until the 00 00 ff ff suffix, then inflate), and can drop the connection without a close frame or close with a
 * chosen code.
 */
public final class GatewayClient implements AutoCloseable {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final Inflater inflater = new Inflater();
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final AtomicInteger textFrames = new AtomicInteger();
    private final AtomicInteger binaryMessages = new AtomicInteger();
    private final AtomicInteger badSuffixes = new AtomicInteger();
    private final boolean answersCloseWithNormalClosure;
    private final WebSocket ws;
    private volatile String readySessionId;

    private GatewayClient(String url, boolean answersCloseWithNormalClosure) {
        this.answersCloseWithNormalClosure = answersCloseWithNormalClosure;
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    /** A client that answers the server's close frame by echoing its code (the JDK's behaviour). */
    public static GatewayClient connect(String url) {
        return new GatewayClient(url, false);
    }

    /**
     * A client that answers the server's close frame with 1000, as many libraries do: the answer completes the
     * close handshake the server started and must not end a session that the server's code left resumable.
     */
    public static GatewayClient connectAnsweringCloseWith1000(String url) {
        return new GatewayClient(url, true);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                textFrames.incrementAndGet();
                parse(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            compressed.writeBytes(chunk);
            if (last) {
                binaryMessages.incrementAndGet();
                byte[] all = compressed.toByteArray();
                boolean suffix = all.length >= 4 && all[all.length - 4] == 0 && all[all.length - 3] == 0
                        && all[all.length - 2] == (byte) 0xff && all[all.length - 1] == (byte) 0xff;
                if (!suffix) {
                    badSuffixes.incrementAndGet(); // the server must end every message with Z_SYNC_FLUSH
                } else {
                    compressed.reset();
                    parse(inflate(all));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (answersCloseWithNormalClosure) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, ""); // before the JDK's echo, which is then skipped
            }
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }

    private synchronized String inflate(byte[] input) {
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            do {
                n = inflater.inflate(buf);
                out.write(buf, 0, n);
            } while (n > 0 || !inflater.needsInput());
        } catch (DataFormatException | RuntimeException e) {
            return "inflate failed: " + e;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void parse(String text) {
        try {
            JsonNode payload = ApiClient.JSON.readTree(text);
            if ("READY".equals(payload.path("t").asText())) {
                readySessionId = payload.path("d").path("session_id").asText(null);
            }
            received.add(payload);
        } catch (Exception e) {
            received.add(ApiClient.JSON.createObjectNode().put("unparseable", text));
        }
    }

    public void send(ObjectNode payload) {
        ws.sendText(payload.toString(), true).join();
    }

    public void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /**
     * Sends a text frame the server may refuse before it has read all of it (a frame over its size limit): true when
     * the frame was written, false when the server closed the connection while it was being sent.
     */
    public boolean sendRawUnlessClosed(String text) {
        try {
            ws.sendText(text, true).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
    }

    public void sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    public void identify(String token, int intents) {
        send(identifyPayload(token, intents));
    }

    /** An IDENTIFY payload (callers may add e.g. {@code presence} to its {@code d}). */
    public static ObjectNode identifyPayload(String token, int intents) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 2);
        ObjectNode d = p.putObject("d");
        d.put("token", token);
        d.put("intents", intents);
        d.putObject("properties").put("os", "linux").put("browser", "guildhall-test").put("device", "guildhall-test");
        return p;
    }

    public void resume(String token, String sessionId, long seq) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 6);
        p.putObject("d").put("token", token).put("session_id", sessionId).put("seq", seq);
        send(p);
    }

    public void heartbeat(Long seq) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 1);
        if (seq == null) {
            p.putNull("d");
        } else {
            p.put("d", seq);
        }
        send(p);
    }

    /** The {@code session_id} of the last READY received (null before it). */
    public String sessionIdFromReady() {
        return readySessionId;
    }

    /** The next payload, or null after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next payload that is not a heartbeat ACK, or null after the timeout. */
    public JsonNode nextNonAck(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (p != null && p.path("op").asInt(-1) != 11) {
                return p;
            }
        }
        return null;
    }

    /** Waits for the next dispatch of the given type (skipping others); null on timeout. */
    public JsonNode nextDispatch(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (p != null && p.path("op").asInt(-1) == 0 && type.equals(p.path("t").asText())) {
                return p;
            }
        }
        return null;
    }

    /** Drains and returns what is queued now. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** The close code the server sent, waiting up to the timeout; null if still open. */
    public Integer closeCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** Uncompressed (text) messages received. */
    public int textFrames() {
        return textFrames.get();
    }

    /** Compressed (binary) messages received. */
    public int binaryMessages() {
        return binaryMessages.get();
    }

    /** Binary messages that did not end with the zlib-stream suffix. */
    public int badSuffixes() {
        return badSuffixes.get();
    }

    /** Drops the TCP connection without a close frame (the session must stay resumable). */
    public void drop() {
        ws.abort();
    }

    /** Sends a close frame with the given code. */
    public void closeWith(int code) {
        ws.sendClose(code, "test").join();
    }

    /** Closes with 1000 (which ends the session) and drops the connection. */
    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
        synchronized (this) {
            inflater.end();
        }
    }
}

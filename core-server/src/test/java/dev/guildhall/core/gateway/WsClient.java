package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A gateway client on java.net.http.WebSocket for the session-lifecycle tests: it can drop the connection without a
 * close frame, close with a chosen code, and read a {@code compress=zlib-stream} connection through one shared
 * {@link Inflater}, as Discord's docs describe (buffer until the 00 00 ff ff suffix, then inflate).
 */
final class WsClient implements AutoCloseable {
    private static final byte[] SUFFIX = {0, 0, (byte) 0xff, (byte) 0xff};

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final Inflater inflater = new Inflater();
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    final AtomicInteger textFrames = new AtomicInteger();
    final AtomicInteger binaryMessages = new AtomicInteger();
    final AtomicInteger badSuffixes = new AtomicInteger();
    private final WebSocket ws;

    private WsClient(String url) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    static WsClient connect(String url) {
        return new WsClient(url);
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
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }

    private String inflate(byte[] input) {
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
            received.add(ApiClient.JSON.readTree(text));
        } catch (Exception e) {
            received.add(ApiClient.JSON.createObjectNode().put("unparseable", text));
        }
    }

    void send(ObjectNode payload) {
        ws.sendText(payload.toString(), true).join();
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    void identify(String token, int intents) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 2);
        ObjectNode d = p.putObject("d");
        d.put("token", token);
        d.put("intents", intents);
        d.putObject("properties").put("os", "linux").put("browser", "guildhall-test").put("device", "guildhall-test");
        send(p);
    }

    void resume(String token, String sessionId, long seq) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 6);
        p.putObject("d").put("token", token).put("session_id", sessionId).put("seq", seq);
        send(p);
    }

    void heartbeat(long seq) {
        send(ApiClient.JSON.createObjectNode().put("op", 1).put("d", seq));
    }

    JsonNode next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next payload that is not a heartbeat ACK, or null after the timeout. */
    JsonNode nextNonAck(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (p != null && p.path("op").asInt(-1) != 11) {
                return p;
            }
        }
        return null;
    }

    JsonNode nextDispatch(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (p != null && p.path("op").asInt(-1) == 0 && type.equals(p.path("t").asText())) {
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

    /** Drops the TCP connection without a close frame (the session must stay resumable). */
    void drop() {
        ws.abort();
    }

    /** Sends a close frame with the given code. */
    void closeWith(int code) {
        ws.sendClose(code, "test").join();
    }

    @Override
    public void close() {
        ws.abort();
        inflater.end();
    }
}

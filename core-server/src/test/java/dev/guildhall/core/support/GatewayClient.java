package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A gateway client on java.net.http.WebSocket that queues every payload it receives. */
public final class GatewayClient implements AutoCloseable {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket ws;

    private GatewayClient(String url) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    public static GatewayClient connect(String url) {
        return new GatewayClient(url);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(ApiClient.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    received.add(ApiClient.JSON.createObjectNode().put("unparseable", partial.toString()));
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
            closeCode.completeExceptionally(error);
        }
    }

    public void send(ObjectNode payload) {
        ws.sendText(payload.toString(), true).join();
    }

    public void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    public void identify(String token, int intents) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 2);
        ObjectNode d = p.putObject("d");
        d.put("token", token);
        d.put("intents", intents);
        d.putObject("properties").put("os", "linux").put("browser", "guildhall-test").put("device", "guildhall-test");
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

    /** The next payload, or null after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    public java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
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

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }
}

package dev.guildhall.console.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bare gateway client for a bot, as a Discord bot library would connect: IDENTIFY with its token and intents
 * after HELLO, heartbeats at the interval HELLO names, and every dispatch kept for the test to wait on.
 */
final class GatewayWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> dispatches = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final WebSocket ws;
    private volatile long seq = -1;

    /** Connects to {@code coreUrl}'s gateway and identifies with {@code authorization} ("Bot ..."). */
    GatewayWatcher(String coreUrl, String authorization, int intents) {
        String url = coreUrl.replaceFirst("^http", "ws") + "/gateway/?v=10&encoding=json";
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            receive(socket, partial.toString(), authorization, intents);
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).join();
    }

    private void receive(WebSocket socket, String text, String authorization, int intents) {
        try {
            JsonNode payload = JSON.readTree(text);
            if (payload.path("s").isNumber()) {
                seq = payload.path("s").asLong();
            }
            int op = payload.path("op").asInt();
            if (op == 10) {
                long interval = payload.path("d").path("heartbeat_interval").asLong(41_250);
                heartbeats.scheduleAtFixedRate(() -> socket.sendText("{\"op\":1,\"d\":" + (seq < 0 ? "null" : seq)
                        + "}", true), interval / 2, interval / 2, TimeUnit.MILLISECONDS);
                ObjectNode identify = JSON.createObjectNode().put("op", 2);
                ObjectNode d = identify.putObject("d");
                d.put("token", authorization);
                d.put("intents", intents);
                d.putObject("properties").put("os", "linux").put("browser", "console-it").put("device", "console-it");
                socket.sendText(identify.toString(), true);
            } else if (op == 0) {
                dispatches.add(payload);
            }
        } catch (Exception e) {
            throw new IllegalStateException("gateway sent " + text, e);
        }
    }

    /** The next dispatch of this type within the timeout (others are skipped), or null. */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            JsonNode d = dispatches.poll(left, TimeUnit.NANOSECONDS);
            if (d != null && type.equals(d.path("t").asText())) {
                return d;
            }
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        ws.abort();
    }
}

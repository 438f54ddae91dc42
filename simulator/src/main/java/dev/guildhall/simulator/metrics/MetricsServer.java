package dev.guildhall.simulator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /health} (200 {"status":"UP"} once the community is set up and running, 503 with the current phase
 * otherwise) and {@code GET /metrics} (Prometheus text) on the JDK HTTP server.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    public MetricsServer(int port, SimulatorMetrics metrics, Supplier<String> phase, Supplier<Boolean> up) throws IOException {
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health", ex -> {
            if (!allowGet(ex)) {
                return;
            }
            boolean ok = up.get();
            String body = "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"phase\":\"" + phase.get().replace("\"", "'") + "\"}";
            send(ex, ok ? 200 : 503, "application/json", body);
        });
        server.createContext("/metrics", ex -> {
            if (allowGet(ex)) {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
        });
        server.createContext("/", ex -> send(ex, 404, "application/json", "{\"message\":\"404: Not Found\",\"code\":0}"));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean allowGet(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            send(ex, 405, "application/json", "{\"message\":\"405: Method Not Allowed\",\"code\":0}");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

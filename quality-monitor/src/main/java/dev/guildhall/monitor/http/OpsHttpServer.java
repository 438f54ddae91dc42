package dev.guildhall.monitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /health} (200 {@code {"status":"UP"}} only while the readiness check says so, 503 otherwise) and
 * {@code GET /metrics} (Prometheus text format) on the metrics port.
 */
public final class OpsHttpServer implements AutoCloseable {
    private final HttpServer server;

    /** @param readiness returns null when ready, otherwise the reason it is not (e.g. the Streams state) */
    public OpsHttpServer(int port, PrometheusMeterRegistry registry, Supplier<String> readiness) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health", exchange -> {
            if (!allowGet(exchange)) {
                return;
            }
            String notReady = readiness.get();
            if (notReady == null) {
                respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
            } else {
                respond(exchange, 503, "application/json",
                        "{\"status\":\"DOWN\",\"reason\":\"" + notReady.replace("\"", "'") + "\"}");
            }
        });
        server.createContext("/metrics", exchange -> {
            if (allowGet(exchange)) {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
        });
        server.createContext("/", exchange -> respond(exchange, 404, "application/json",
                "{\"message\":\"404: Not Found\",\"code\":0}"));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean allowGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        respond(exchange, 405, "application/json", "{\"message\":\"405: Method Not Allowed\",\"code\":0}");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

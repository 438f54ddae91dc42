package dev.guildhall.analytics.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** {@code GET /health} (200 {"status":"UP"} when every job runs, else 503) and {@code GET /metrics} (Prometheus text). */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private final HttpServer server;

    public MetricsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier healthy) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/health", ex -> {
            boolean up;
            try {
                up = healthy.getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            respond(ex, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        });
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/", ex -> respond(ex, 404, "application/json", "{\"message\":\"404: Not Found\"}"));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }));
    }

    public MetricsServer start() {
        server.start();
        LOG.info("metrics and health on port {}", port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                status = 405;
                contentType = "application/json";
                body = "{\"message\":\"405: Method Not Allowed\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

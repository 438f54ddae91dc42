package dev.guildhall.core.voice.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.guildhall.core.voice.VoiceGateway;
import dev.guildhall.core.voice.VoiceTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A voice node's ops port: {@code GET /health} (200 while running, else 503), {@code GET /metrics} (Prometheus),
 * {@code GET /voice/certificate} (the voice gateway's self-signed certificate, PEM, for clients to trust) and
 * {@code POST /voice/disconnect} (body {@code guild:user:expiresAtMillis}, header {@code X-Guildhall-Signature} =
 * HMAC under the fleet secret; 204, or 401 for a bad or expired signature): core-server ends a connection that left
 * or moved; {@code POST /voice/speak} (body {@code guild:user:0|1:expiresAtMillis}, signed the same way): whether the
 * relay forwards the member's audio (0: server-muted or no SPEAK); {@code POST /voice/hear} (same body): whether it
 * sends the member audio (0: server- or self-deafened).
 */
final class VoiceNodeOps implements AutoCloseable {
    private final HttpServer server;
    private final VoiceTokens tokens;

    VoiceNodeOps(String bindHost, int port, BooleanSupplier healthy, PrometheusMeterRegistry registry,
                 VoiceGateway gateway, VoiceTokens tokens) throws IOException {
        this.tokens = tokens;
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "voice-node-ops");
            t.setDaemon(true);
            return t;
        }));
        Counter refused = Counter.builder("guildhall.voice.node.disconnects.refused").register(registry);
        Counter disconnects = Counter.builder("guildhall.voice.node.disconnects").register(registry);
        server.createContext("/health", ex -> {
            boolean ok = healthy.getAsBoolean();
            reply(ex, ok ? 200 : 503, "application/json", ok ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        });
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
        server.createContext("/voice/certificate", ex -> {
            try {
                String pem = "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(gateway.certificate().getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
                reply(ex, 200, "application/x-pem-file", pem);
            } catch (CertificateEncodingException e) {
                reply(ex, 500, "text/plain", e.toString());
            }
        });
        server.createContext("/voice/disconnect", signed(refused, 3, f -> {
            gateway.disconnect(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[1]));
            disconnects.increment();
        }));
        server.createContext("/voice/speak", signed(refused, 4, f -> gateway.maySpeak(Long.parseUnsignedLong(f[0]),
                Long.parseUnsignedLong(f[1]), "1".equals(f[2]))));
        server.createContext("/voice/hear", signed(refused, 4, f -> gateway.mayHear(Long.parseUnsignedLong(f[0]),
                Long.parseUnsignedLong(f[1]), "1".equals(f[2]))));
    }

    /**
     * A signed POST whose body is {@code fields} colon-separated values, the last one its expiry (epoch ms): 204 after
     * {@code action}, 401 for a bad or expired signature, 400 for bad ids.
     */
    private HttpHandler signed(Counter refused, int fields, Consumer<String[]> action) {
        return ex -> {
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, "text/plain", "POST only");
                return;
            }
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readNBytes(256), StandardCharsets.US_ASCII);
            }
            String[] f = body.split(":");
            String expires = f[f.length - 1];
            if (f.length != fields
                    || !tokens.verifyRequest(body, ex.getRequestHeaders().getFirst("X-Guildhall-Signature"))
                    || !expires.matches("\\d{1,15}") || Long.parseLong(expires) < tokens.nowMillis()) {
                refused.increment();
                reply(ex, 401, "text/plain", "bad signature");
                return;
            }
            try {
                action.accept(f);
            } catch (NumberFormatException e) {
                reply(ex, 400, "text/plain", "bad ids");
                return;
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        };
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

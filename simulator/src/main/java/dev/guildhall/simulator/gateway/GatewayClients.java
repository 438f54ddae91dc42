package dev.guildhall.simulator.gateway;

import dev.guildhall.simulator.api.ApiCallException;
import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.api.Session;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The gateway sessions of the first few users (owner first: it is in every guild and sees every message). */
public final class GatewayClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayClients.class);
    private final List<GatewaySession> sessions = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "gateway");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public void start(CoreApi api, URI coreUrl, LinkedHashMap<String, Session> users, SimulatorMetrics metrics) {
        if (users.isEmpty()) {
            return;
        }
        URI url = gatewayUri(api, coreUrl);
        log.info("gateway url={} sessions={}", url, users.size());
        for (Map.Entry<String, Session> u : users.entrySet()) {
            GatewaySession s = new GatewaySession(u.getKey(), u.getValue().token(), url, http, scheduler, metrics);
            sessions.add(s);
            s.start();
        }
    }

    /** {@code GET /gateway}'s url with {@code ?v=10&encoding=json}; falls back to {@code ws://<core>/gateway}. */
    public static URI gatewayUri(CoreApi api, URI coreUrl) {
        String base;
        try {
            base = api.gatewayUrl();
        } catch (ApiCallException e) {
            base = (coreUrl.getScheme().equals("https") ? "wss://" : "ws://") + coreUrl.getRawAuthority() + "/gateway";
            log.warn("GET /gateway failed ({}); using {}", e.getMessage(), base);
        }
        return withQuery(base);
    }

    static URI withQuery(String base) {
        if (base.contains("?")) {
            return URI.create(base.contains("v=") ? base : base + "&v=10&encoding=json");
        }
        URI u = URI.create(base);
        boolean bareHost = u.getRawPath() == null || u.getRawPath().isEmpty();
        return URI.create(base + (bareHost ? "/" : "") + "?v=10&encoding=json");
    }

    @Override
    public void close() {
        sessions.forEach(GatewaySession::close);
        scheduler.shutdownNow();
    }
}

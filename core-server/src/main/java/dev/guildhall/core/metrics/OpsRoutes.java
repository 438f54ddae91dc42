package dev.guildhall.core.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.function.BooleanSupplier;

/** {@code GET /health} (200 UP / 503 DOWN) and {@code GET /metrics} (Prometheus text). */
public final class OpsRoutes {
    private OpsRoutes() {
    }

    public static void register(Router router, BooleanSupplier healthy, PrometheusMeterRegistry registry) {
        router.get("/health", req -> {
            boolean up = healthy.getAsBoolean();
            ObjectNode o = Json.object();
            o.put("status", up ? "UP" : "DOWN");
            return ApiResponse.json(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, o);
        });
        router.get("/metrics", req -> ApiResponse.text("text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
    }
}

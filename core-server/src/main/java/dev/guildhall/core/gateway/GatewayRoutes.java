package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;

/** {@code GET /gateway} and {@code GET /gateway/bot}. */
public final class GatewayRoutes {
    /** Identifies allowed per day, as Discord reports for small bots. */
    private static final int SESSION_START_TOTAL = 1000;

    private GatewayRoutes() {
    }

    public static void register(Router router, GatewayHub hub) {
        router.get("/gateway", req -> {
            ObjectNode o = Json.object();
            o.put("url", hub.gatewayUrl());
            return ApiResponse.ok(o);
        });
        router.get("/gateway/bot", req -> {
            req.requirePrincipal();
            ObjectNode o = Json.object();
            o.put("url", hub.gatewayUrl());
            o.put("shards", 1);
            ObjectNode limit = o.putObject("session_start_limit");
            limit.put("total", SESSION_START_TOTAL);
            limit.put("remaining", SESSION_START_TOTAL);
            limit.put("reset_after", 86_400_000);
            limit.put("max_concurrency", 1);
            return ApiResponse.ok(o);
        });
    }
}

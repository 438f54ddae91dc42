package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;

/**
 * {@code GET /gateway} and {@code GET /gateway/bot}: the URL is the least-loaded linked gateway node's, or this
 * process's when no node is linked ({@link GatewayHub#connectUrl}).
 */
public final class GatewayRoutes {
    private GatewayRoutes() {
    }

    public static void register(Router router, GatewayHub hub) {
        router.get("/gateway", req -> {
            ObjectNode o = Json.object();
            o.put("url", hub.connectUrl());
            return ApiResponse.ok(o);
        });
        router.get("/gateway/bot", req -> {
            long userId = req.requirePrincipal().userId();
            SessionStartLimiter.Limit start = hub.sessionStartLimit(userId);
            ObjectNode o = Json.object();
            o.put("url", hub.connectUrl());
            o.put("shards", 1);
            ObjectNode limit = o.putObject("session_start_limit");
            limit.put("total", start.total());
            limit.put("remaining", start.remaining());
            limit.put("reset_after", start.resetAfterMillis());
            limit.put("max_concurrency", start.maxConcurrency());
            return ApiResponse.ok(o);
        });
    }
}

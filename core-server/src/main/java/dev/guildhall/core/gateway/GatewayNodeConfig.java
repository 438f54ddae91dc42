package dev.guildhall.core.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Gateway nodes (keys {@code node.role}, {@code gateway.link.*}). Off by default: one core-server is the whole
 * gateway.
 *
 * @param gatewayNode    {@code node.role=gateway}: this process serves only the gateway WebSocket (plus /health
 *                       and /metrics) and takes its events from the primary's link; {@code primary} (default) is
 *                       the full core-server
 * @param linkEnabled    the primary accepts gateway nodes on {@code gateway.link.port}
 * @param linkPort       the primary's link port (0 = any free port)
 * @param linkSecret     shared by the primary and its nodes (≥ 16 characters when used)
 * @param primaryHost    where a gateway node finds the primary's link ({@code gateway.link.primary=host:port})
 * @param primaryPort    see {@code primaryHost}
 * @param queueFrames    frames the primary buffers per node before it gives the node up as too slow
 * @param reconnectDelay how long a node waits between attempts to (re)connect to the primary
 */
public record GatewayNodeConfig(boolean gatewayNode, boolean linkEnabled, int linkPort, String linkSecret,
                                String primaryHost, int primaryPort, int queueFrames, Duration reconnectDelay) {
    public static final Map<String, String> DEFAULTS = Map.of(
            "node.role", "primary",
            "gateway.link.enabled", "false",
            "gateway.link.port", "8091",
            "gateway.link.secret", "",
            "gateway.link.primary", "127.0.0.1:8091",
            "gateway.link.queue.frames", "100000",
            "gateway.link.reconnect.ms", "1000");

    public GatewayNodeConfig {
        if ((gatewayNode || linkEnabled) && (linkSecret == null || linkSecret.length() < 16)) {
            throw new IllegalArgumentException("invalid core-server configuration: gateway.link.secret needs at least"
                    + " 16 characters when node.role=gateway or gateway.link.enabled=true");
        }
        if (linkPort < 0 || linkPort > 65535 || primaryPort < 1 || primaryPort > 65535 || queueFrames < 1
                || reconnectDelay.toMillis() < 10) {
            throw new IllegalArgumentException("invalid core-server configuration: gateway.link.port 0..65535,"
                    + " gateway.link.primary host:port, gateway.link.queue.frames >= 1, gateway.link.reconnect.ms >= 10");
        }
    }

    public static GatewayNodeConfig from(Map<String, String> values) {
        String role = values.getOrDefault("node.role", "primary").trim().toLowerCase(Locale.ROOT);
        if (!role.equals("primary") && !role.equals("gateway")) {
            throw new IllegalArgumentException("invalid core-server configuration: node.role must be primary or"
                    + " gateway, got '" + role + "'");
        }
        String primary = values.getOrDefault("gateway.link.primary", "127.0.0.1:8091").trim();
        int colon = primary.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid core-server configuration: gateway.link.primary must be"
                    + " host:port, got '" + primary + "'");
        }
        return new GatewayNodeConfig(
                role.equals("gateway"),
                Boolean.parseBoolean(values.getOrDefault("gateway.link.enabled", "false").trim()),
                integer(values, "gateway.link.port", "8091"),
                values.getOrDefault("gateway.link.secret", ""),
                primary.substring(0, colon),
                integer(Map.of("gateway.link.primary", primary.substring(colon + 1)), "gateway.link.primary", ""),
                integer(values, "gateway.link.queue.frames", "100000"),
                Duration.ofMillis(integer(values, "gateway.link.reconnect.ms", "1000")));
    }

    private static int integer(Map<String, String> values, String key, String fallback) {
        String text = values.getOrDefault(key, fallback).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid core-server configuration: " + key
                    + " must be an integer, got '" + text + "'");
        }
    }
}

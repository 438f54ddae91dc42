package dev.guildhall.core.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * REST rate limits (Discord's model): a global limit per user or bot (per client IP without a valid token),
 * per-route buckets per caller and major parameter, and the invalid-request limiter per client IP.
 *
 * <p>Properties (each also settable as {@code GUILDHALL_RATELIMIT_...}): {@code ratelimit.enabled},
 * {@code ratelimit.global.limit}, {@code ratelimit.global.window.ms}, {@code ratelimit.route.default}
 * ({@code limit/windowMs}, the bucket of every route without a rule), {@code ratelimit.routes} (rules separated by
 * {@code ;}, each {@code METHOD /template limit/windowMs}; {@code *} as method shares one bucket across methods;
 * {@code none} for no rules), {@code ratelimit.invalid.limit}, {@code ratelimit.invalid.window.ms},
 * {@code ratelimit.max.buckets} (upper bound of buckets held in memory).
 *
 * @param enabled         false switches every limit off (no headers either)
 * @param global          requests per caller over all routes
 * @param routeDefault    the per-route bucket of routes without a rule
 * @param routes          rules for single routes, first match wins
 * @param invalidRequests 401/403/429 answers per client IP before that IP is refused for the rest of the window
 * @param maxBuckets      bound of the bucket cache (idle buckets expire after their window anyway)
 */
public record RateLimitConfig(boolean enabled, Limit global, Limit routeDefault, List<RouteRule> routes,
                              Limit invalidRequests, long maxBuckets) {

    /** Discord-like defaults, as property key → value (the config loader merges them into its defaults). */
    public static final Map<String, String> DEFAULTS = Map.of(
            "ratelimit.enabled", "true",
            "ratelimit.global.limit", "50",
            "ratelimit.global.window.ms", "1000",
            "ratelimit.route.default", "50/1000",
            "ratelimit.routes", String.join(";",
                    "POST /channels/{channel_id}/messages 5/5000",
                    "PATCH /channels/{channel_id}/messages/{message_id} 5/5000",
                    "DELETE /channels/{channel_id}/messages/{message_id} 5/1000",
                    "PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me 1/250",
                    "POST /channels/{channel_id}/typing 5/5000",
                    "POST /guilds 10/10000",
                    "POST /webhooks/{webhook_id}/{webhook_token} 5/2000",
                    "POST /auth/register 60/60000",
                    "POST /auth/login 60/60000"),
            "ratelimit.invalid.limit", "10000",
            "ratelimit.invalid.window.ms", "600000",
            "ratelimit.max.buckets", "1000000");

    /** {@code requests} per {@code window}; the whole allowance comes back at the end of each window. */
    public record Limit(long requests, Duration window) {
        public Limit {
            if (requests < 1) {
                throw invalid("a rate limit needs at least 1 request, got " + requests);
            }
            if (window == null || window.isZero() || window.isNegative()) {
                throw invalid("a rate limit window must be > 0");
            }
        }

        /** {@code 5/5000} → 5 requests per 5000 ms. */
        public static Limit parse(String text) {
            String[] parts = text.trim().split("/");
            if (parts.length != 2) {
                throw invalid("rate limit '" + text + "' must be limit/windowMs");
            }
            return new Limit(number(parts[0], text), Duration.ofMillis(number(parts[1], text)));
        }
    }

    /**
     * A rule for one route: method ({@code *} = any) and path template exactly as registered with the router.
     */
    public record RouteRule(String method, String template, Limit limit) {
        public boolean matches(String requestMethod, String routeTemplate) {
            return template.equals(routeTemplate) && (method.equals("*") || method.equals(requestMethod));
        }

        /** {@code POST /channels/{channel_id}/messages 5/5000}. */
        public static RouteRule parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 3 || !parts[1].startsWith("/")) {
                throw invalid("rate limit rule '" + text + "' must be 'METHOD /template limit/windowMs'");
            }
            return new RouteRule(parts[0].toUpperCase(Locale.ROOT), parts[1], Limit.parse(parts[2]));
        }
    }

    public RateLimitConfig {
        routes = List.copyOf(routes);
        if (maxBuckets < 1000) {
            throw invalid("ratelimit.max.buckets must be >= 1000");
        }
    }

    /** The rule for a matched route, or the default bucket. */
    public Limit limitFor(String method, String template) {
        for (RouteRule r : routes) {
            if (r.matches(method, template)) {
                return r.limit();
            }
        }
        return routeDefault;
    }

    /** The bucket name (before hashing) of a route: the rule's method and template; default routes each their own. */
    public String bucketName(String method, String template) {
        for (RouteRule r : routes) {
            if (r.matches(method, template)) {
                return r.method() + " " + r.template();
            }
        }
        return method + " " + template;
    }

    /** Reads the {@code ratelimit.*} keys (missing keys take {@link #DEFAULTS}). */
    public static RateLimitConfig from(Map<String, String> values) {
        java.util.function.Function<String, String> get = k -> values.getOrDefault(k, DEFAULTS.get(k)).trim();
        String enabled = get.apply("ratelimit.enabled").toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw invalid("ratelimit.enabled must be true or false");
        }
        List<RouteRule> rules = new ArrayList<>();
        String text = get.apply("ratelimit.routes");
        if (!text.isEmpty() && !text.equalsIgnoreCase("none")) {
            for (String rule : text.split(";")) {
                if (!rule.isBlank()) {
                    rules.add(RouteRule.parse(rule));
                }
            }
        }
        return new RateLimitConfig(
                enabled.equals("true"),
                new Limit(number(get.apply("ratelimit.global.limit"), "ratelimit.global.limit"),
                        Duration.ofMillis(number(get.apply("ratelimit.global.window.ms"), "ratelimit.global.window.ms"))),
                Limit.parse(get.apply("ratelimit.route.default")),
                rules,
                new Limit(number(get.apply("ratelimit.invalid.limit"), "ratelimit.invalid.limit"),
                        Duration.ofMillis(number(get.apply("ratelimit.invalid.window.ms"), "ratelimit.invalid.window.ms"))),
                number(get.apply("ratelimit.max.buckets"), "ratelimit.max.buckets"));
    }

    private static long number(String text, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(what + ": '" + text + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid core-server configuration: " + message);
    }
}

package dev.guildhall.core.ratelimit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.AuthHandler;
import dev.guildhall.core.http.HttpResponses;
import dev.guildhall.core.http.IncomingRequest;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.metrics.HttpMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rate-limit concern of the HTTP pipeline, between authentication and routing (on the worker pool).
 *
 * <p>Inbound: asks the {@link RateLimiter} about each API request; an allowed request goes on to the router,
 * a refused one is answered here with Discord's 429 ({@code {"message","retry_after","global"}}, {@code Retry-After},
 * {@code X-RateLimit-Scope}, {@code X-RateLimit-Global} for global limits). Outbound: adds the route bucket's
 * {@code X-RateLimit-*} headers to the router's answer and counts 401/403/429 answers against the client IP
 * (the invalid-request limiter). Answers leave in request order on a connection, so the bucket state of each
 * forwarded request waits in a per-connection queue until its answer passes.
 *
 * <p>{@code /auth/register} and {@code /auth/login} are always limited per client IP (brute-force protection),
 * whatever token the request carries.
 */
@ChannelHandler.Sharable
public final class RateLimitHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);
    private static final AttributeKey<ArrayDeque<Pending>> PENDING = AttributeKey.valueOf("guildhall.ratelimit.pending");
    private static final Set<String> PER_IP_ROUTES = Set.of("/auth/register", "/auth/login");
    private static final String MESSAGE = "You are being rate limited.";
    private static final String VIA = "1.1 guildhall";

    /** What an answer needs: the client IP (null: not an API request) and the route bucket (may be null). */
    private record Pending(String ip, RateLimiter.BucketState state) {
    }

    private static final Pending NOT_API = new Pending(null, null);

    private final RateLimiter limiter;
    private final Router apiRouter;
    private final HttpMetrics httpMetrics;
    private final MeterRegistry registry;

    public RateLimitHandler(RateLimiter limiter, Router apiRouter, HttpMetrics httpMetrics, MeterRegistry registry) {
        this.limiter = limiter;
        this.apiRouter = apiRouter;
        this.httpMetrics = httpMetrics;
        this.registry = registry;
        Gauge.builder("guildhall.ratelimit.buckets", limiter, RateLimiter::bucketCount)
                .description("rate-limit buckets held in memory")
                .register(registry);
        for (String scope : new String[]{RateLimiter.SCOPE_USER, RateLimiter.SCOPE_GLOBAL}) {
            for (RateLimiter.Outcome o : RateLimiter.Outcome.values()) {
                if (o != RateLimiter.Outcome.ALLOWED && scopeOf(o).equals(scope)) {
                    limited(o); // registered up front so the series exist at 0
                }
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof IncomingRequest in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!in.api() || !limiter.config().enabled()) {
            pending(ctx).add(NOT_API);
            ctx.fireChannelRead(msg);
            return;
        }
        ApiRequest request = in.request();
        String ip = clientIp(ctx.channel().remoteAddress());
        String method = request.method().name();
        String template = null;
        Map<String, String> params = Map.of();
        try {
            Router.Match match = apiRouter.match(request.method(), request.path());
            template = match.route().template();
            params = match.params();
        } catch (ApiException unknownRoute) {
            // 404/405 answered by the router; only the global limit applies
        }
        Long userId = request.principal() == null || (template != null && PER_IP_ROUTES.contains(template)) ? null
                : request.principal().userId();
        RateLimiter.Decision decision;
        try {
            decision = limiter.check(method, template, params, userId, ip);
        } catch (RuntimeException e) { // a limiter fault must not take the API down: let the request through
            LOG.error("event=rate_limit_failed method={} path={} error={}", method, in.loggablePath(), e.toString(), e);
            pending(ctx).add(new Pending(ip, null));
            ctx.fireChannelRead(msg);
            return;
        }
        if (decision.allowed()) {
            pending(ctx).add(new Pending(ip, decision.route()));
            ctx.fireChannelRead(msg);
            return;
        }
        if (decision.outcome() != RateLimiter.Outcome.IP_REFUSED) {
            limiter.recordInvalid(ip);
        }
        limited(decision.outcome()).increment();
        String route = template == null ? "unmatched" : AuthHandler.API_PREFIX + template;
        httpMetrics.record(method, route, 429, in.startNanos());
        LOG.debug("event=rate_limited method={} route={} ip={} user={} outcome={} retry_after_ms={}", method, route, ip,
                userId, decision.outcome(), RateLimiter.ceilMillis(decision.retryAfterNanos()));
        HttpResponses.write(ctx, tooManyRequests(decision), in.keepAlive());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            Pending p = ctx.channel().hasAttr(PENDING) ? pending(ctx).poll() : null;
            if (p != null && p.ip() != null) {
                if (p.state() != null) {
                    addBucketHeaders(response.headers(), p.state());
                }
                int status = response.status().code();
                if (status == 401 || status == 403 || status == 429) {
                    limiter.recordInvalid(p.ip());
                }
            }
        }
        ctx.write(msg, promise);
    }

    /** Discord's 429: body, {@code Retry-After} (whole seconds, rounded up), scope and the route bucket if any. */
    static FullHttpResponse tooManyRequests(RateLimiter.Decision decision) {
        long retryMillis = Math.max(1, RateLimiter.ceilMillis(decision.retryAfterNanos()));
        ObjectNode body = Json.object();
        body.put("message", MESSAGE);
        body.put("retry_after", retryMillis / 1000.0);
        body.put("global", decision.global());
        FullHttpResponse response = HttpResponses.json(HttpResponseStatus.TOO_MANY_REQUESTS, body);
        HttpHeaders h = response.headers();
        h.set("Retry-After", Long.toString((retryMillis + 999) / 1000));
        h.set("X-RateLimit-Scope", decision.scope());
        if (decision.global()) {
            h.set("X-RateLimit-Global", "true");
        }
        if (decision.route() != null) {
            addBucketHeaders(h, decision.route());
        }
        if (decision.outcome() != RateLimiter.Outcome.IP_REFUSED) {
            // Discord's API answers pass a proxy; a 429 without Via is what clients (JDA, Javacord) take for an
            // edge (Cloudflare) ban, which is what the invalid-request refusal stands for
            h.set("Via", VIA);
        }
        return response;
    }

    static void addBucketHeaders(HttpHeaders h, RateLimiter.BucketState s) {
        long resetAfterMillis = RateLimiter.ceilMillis(s.resetAfterNanos());
        h.set("X-RateLimit-Limit", Long.toString(s.limit()));
        h.set("X-RateLimit-Remaining", Long.toString(s.remaining()));
        h.set("X-RateLimit-Reset", seconds(s.resetAtEpochMillis()));
        h.set("X-RateLimit-Reset-After", seconds(resetAfterMillis));
        h.set("X-RateLimit-Bucket", s.hash());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    private Counter limited(RateLimiter.Outcome outcome) {
        return Counter.builder("guildhall.ratelimit.limited")
                .description("requests answered 429 by the rate limiter, by X-RateLimit-Scope and limit")
                .tag("scope", scopeOf(outcome))
                .tag("limit", switch (outcome) {
                    case ROUTE_LIMITED -> "route";
                    case GLOBAL_LIMITED -> "global";
                    case IP_REFUSED -> "invalid_requests";
                    case ALLOWED -> "none";
                })
                .register(registry);
    }

    private static String scopeOf(RateLimiter.Outcome outcome) {
        return new RateLimiter.Decision(outcome, null, 0).scope();
    }

    private static ArrayDeque<Pending> pending(ChannelHandlerContext ctx) {
        ArrayDeque<Pending> q = ctx.channel().attr(PENDING).get();
        if (q == null) {
            q = new ArrayDeque<>();
            ctx.channel().attr(PENDING).set(q);
        }
        return q;
    }

    static String clientIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}

package dev.guildhall.core.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides whether a REST request may run, with Bucket4j token buckets held in one bounded Caffeine cache.
 *
 * <p>Buckets refill their whole allowance at the end of each window (Discord's fixed windows), so
 * {@code X-RateLimit-Reset-After} is the time to the next refill. A bucket that has not been used for one window
 * would be full again, so it expires from the cache then: memory holds only recently active callers (and at most
 * {@link RateLimitConfig#maxBuckets()}).
 *
 * <p>Keys: the caller is the authenticated user or bot id (every token and session of an account shares its
 * buckets), else the client IP. Route buckets add the route's bucket name and its major parameters
 * ({@code channel_id}, {@code guild_id}, {@code webhook_id} + {@code webhook_token}). A webhook's route buckets
 * belong to the webhook, not to a caller (executes carry no account; everyone posting through one webhook shares
 * its limit, as on Discord), and hold the token only as a hash.
 */
public final class RateLimiter {
    /** Discord's top-level resources: a route's buckets are separate per value of these. */
    static final List<String> MAJOR_PARAMETERS = List.of("channel_id", "guild_id", "webhook_id", "webhook_token");

    /** Scope values of {@code X-RateLimit-Scope}. */
    public static final String SCOPE_USER = "user";
    public static final String SCOPE_GLOBAL = "global";

    private final RateLimitConfig config;
    private final TimeMeter time;
    private final LongSupplier wallClockMillis;
    private final Cache<String, Entry> buckets;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    private record Entry(Bucket bucket, long windowNanos) {
    }

    /** The per-route bucket seen by a request, for the {@code X-RateLimit-*} headers. */
    public record BucketState(long limit, long remaining, long resetAfterNanos, long resetAtEpochMillis, String hash) {
    }

    public enum Outcome { ALLOWED, ROUTE_LIMITED, GLOBAL_LIMITED, IP_REFUSED }

    /**
     * @param route           the route bucket (null when the route has none, e.g. an unknown path or a refusal
     *                        before any route bucket was consulted)
     * @param retryAfterNanos how long to wait when not allowed
     */
    public record Decision(Outcome outcome, BucketState route, long retryAfterNanos) {
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }

        /** Whether a global (not per-route) limit answered. */
        public boolean global() {
            return outcome == Outcome.GLOBAL_LIMITED || outcome == Outcome.IP_REFUSED;
        }

        public String scope() {
            return global() ? SCOPE_GLOBAL : SCOPE_USER;
        }
    }

    public RateLimiter(RateLimitConfig config) {
        this(config, TimeMeter.SYSTEM_NANOTIME, System::currentTimeMillis);
    }

    /** With explicit clocks (tests): {@code time} drives buckets and expiry, the wall clock only the reset header. */
    public RateLimiter(RateLimitConfig config, TimeMeter time, LongSupplier wallClockMillis) {
        this.config = config;
        this.time = time;
        this.wallClockMillis = wallClockMillis;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxBuckets())
                .ticker(time::currentTimeNanos)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.windowNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return value.windowNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return value.windowNanos();
                    }
                })
                .build();
    }

    public RateLimitConfig config() {
        return config;
    }

    /**
     * Checks and consumes: first the client IP's refusal (invalid-request limiter), then the caller's global
     * bucket, then the route's bucket. A refused request consumes nothing further.
     *
     * @param method   HTTP method
     * @param template the matched route template, or null (unknown route: global limit only)
     * @param params   the route's path parameters
     * @param userId   the authenticated user or bot, or null (then the client IP is the caller)
     * @param ip       the client IP
     */
    public Decision check(String method, String template, Map<String, String> params, Long userId, String ip) {
        Decision refused = refusal(ip);
        if (refused != null) {
            return refused;
        }
        String caller = userId != null ? "u" + userId : "ip" + ip;
        RateLimitConfig.Limit global = config.global();
        ConsumptionProbe g = bucket("g|" + caller, global).tryConsumeAndReturnRemaining(1);
        if (!g.isConsumed()) {
            return new Decision(Outcome.GLOBAL_LIMITED, null, g.getNanosToWaitForRefill());
        }
        if (template == null) {
            return new Decision(Outcome.ALLOWED, null, 0);
        }
        RateLimitConfig.Limit limit = config.limitFor(method, template);
        String name = config.bucketName(method, template);
        StringBuilder key = new StringBuilder("r|").append(name).append('|');
        for (String major : MAJOR_PARAMETERS) {
            String v = params.get(major);
            if (v != null) {
                key.append(major).append('=').append(major.equals("webhook_token") ? tokenHash(v) : v).append('|');
            }
        }
        key.append(params.containsKey("webhook_token") ? "webhook" : caller);
        ConsumptionProbe p = bucket(key.toString(), limit).tryConsumeAndReturnRemaining(1);
        long resetAfter = p.isConsumed() ? p.getNanosToWaitForReset() : p.getNanosToWaitForRefill();
        BucketState state = new BucketState(limit.requests(), p.getRemainingTokens(), resetAfter,
                wallClockMillis.getAsLong() + ceilMillis(resetAfter), hash(name));
        return p.isConsumed()
                ? new Decision(Outcome.ALLOWED, state, 0)
                : new Decision(Outcome.ROUTE_LIMITED, state, p.getNanosToWaitForRefill());
    }

    /** The refusal of a client IP that made too many invalid requests, or null. Consumes nothing. */
    public Decision refusal(String ip) {
        Entry e = buckets.getIfPresent("i|" + ip);
        if (e == null || e.bucket().getAvailableTokens() > 0) {
            return null;
        }
        return new Decision(Outcome.IP_REFUSED, null, e.bucket().estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Counts an invalid request (an answer 401, 403, or 429 other than scope shared) against the client IP. */
    public void recordInvalid(String ip) {
        bucket("i|" + ip, config.invalidRequests()).tryConsume(1);
    }

    /** Buckets currently held (approximate). */
    public long bucketCount() {
        return buckets.estimatedSize();
    }

    /** Drops expired buckets now (the cache also does this as it is used). */
    public void cleanUp() {
        buckets.cleanUp();
    }

    private Bucket bucket(String key, RateLimitConfig.Limit limit) {
        return buckets.get(key, k -> new Entry(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests())
                        .refillIntervally(limit.requests(), limit.window()).build())
                .withCustomTimePrecision(time)
                .build(), limit.window().toNanos())).bucket();
    }

    /** An opaque, stable id of a bucket (not including major parameters, as on Discord). */
    String hash(String bucketName) {
        return hashes.computeIfAbsent(bucketName, n -> {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(n.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A secret path parameter as it may be held in memory: a SHA-256 prefix. */
    private static String tokenHash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long ceilMillis(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}

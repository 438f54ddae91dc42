package dev.guildhall.core.ratelimit;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private static final String MESSAGES = "/channels/{channel_id}/messages";
    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand. */
    private static final class FakeTime implements TimeMeter {
        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advanceMillis(long ms) {
            nanos += ms * MS;
        }
    }

    private final FakeTime time = new FakeTime();

    private RateLimiter limiter(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        return new RateLimiter(RateLimitConfig.from(s), time, () -> 1_700_000_000_000L + time.nanos / MS);
    }

    private static Map<String, String> channel(String id) {
        return Map.of("channel_id", id);
    }

    @Test
    void routeBucketCountsDownRefusesAndRefillsAtTheEndOfItsWindow() {
        RateLimiter rl = limiter(Map.of("ratelimit.routes", "POST " + MESSAGES + " 3/5000"));
        for (long expected = 2; expected >= 0; expected--) {
            RateLimiter.Decision d = rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.1");
            assertThat(d.allowed()).isTrue();
            assertThat(d.route().limit()).isEqualTo(3);
            assertThat(d.route().remaining()).isEqualTo(expected);
            assertThat(d.route().resetAfterNanos()).isEqualTo((5000 - (2 - expected) * 1000) * MS);
            time.advanceMillis(1000);
        }
        RateLimiter.Decision refused = rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.1");
        assertThat(refused.outcome()).isEqualTo(RateLimiter.Outcome.ROUTE_LIMITED);
        assertThat(refused.global()).isFalse();
        assertThat(refused.scope()).isEqualTo("user");
        assertThat(refused.retryAfterNanos()).isEqualTo(2000 * MS);
        assertThat(refused.route().remaining()).isZero();
        assertThat(refused.route().resetAtEpochMillis()).isEqualTo(1_700_000_000_000L + time.nanos / MS + 2000);

        time.advanceMillis(1999);
        assertThat(rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.1").allowed()).isFalse();
        time.advanceMillis(1);
        RateLimiter.Decision again = rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.1");
        assertThat(again.allowed()).isTrue();
        assertThat(again.route().remaining()).isEqualTo(2);
    }

    @Test
    void bucketsAreSeparatePerMajorParameterAndCallerButShareTheirHash() {
        RateLimiter rl = limiter(Map.of("ratelimit.routes", "POST " + MESSAGES + " 1/5000"));
        RateLimiter.Decision a = rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.1");
        RateLimiter.Decision b = rl.check("POST", MESSAGES, channel("2"), 7L, "10.0.0.1");
        RateLimiter.Decision otherUser = rl.check("POST", MESSAGES, channel("1"), 8L, "10.0.0.1");
        assertThat(a.allowed()).isTrue();
        assertThat(b.allowed()).isTrue();
        assertThat(otherUser.allowed()).isTrue();
        assertThat(a.route().hash()).isEqualTo(b.route().hash()).matches("[0-9a-f]{32}");
        // the same user from another address is the same caller
        assertThat(rl.check("POST", MESSAGES, channel("1"), 7L, "10.0.0.9").outcome())
                .isEqualTo(RateLimiter.Outcome.ROUTE_LIMITED);
        // a minor parameter (message id) does not split the bucket; another route has its own
        assertThat(rl.check("GET", MESSAGES, channel("1"), 7L, "10.0.0.1").route().hash()).isNotEqualTo(a.route().hash());
    }

    @Test
    void aWebhookBucketIsSharedByEveryCallerOfThatWebhook() {
        String execute = "/webhooks/{webhook_id}/{webhook_token}";
        RateLimiter rl = limiter(Map.of("ratelimit.routes", "POST " + execute + " 1/2000"));
        Map<String, String> hook = Map.of("webhook_id", "5", "webhook_token", "secret");
        assertThat(rl.check("POST", execute, hook, null, "10.0.0.1").allowed()).isTrue();
        // another address (no token: the IP would be the caller) still hits the webhook's bucket
        assertThat(rl.check("POST", execute, hook, null, "10.0.0.2").outcome())
                .isEqualTo(RateLimiter.Outcome.ROUTE_LIMITED);
        assertThat(rl.check("POST", execute, hook, 7L, "10.0.0.3").outcome())
                .isEqualTo(RateLimiter.Outcome.ROUTE_LIMITED);
        // another webhook has its own
        assertThat(rl.check("POST", execute, Map.of("webhook_id", "6", "webhook_token", "t"), null, "10.0.0.1")
                .allowed()).isTrue();
    }

    @Test
    void wildcardRuleSharesOneBucketAcrossMethods() {
        RateLimiter rl = limiter(Map.of("ratelimit.routes", "* /channels/{channel_id} 1/5000"));
        assertThat(rl.check("GET", "/channels/{channel_id}", channel("1"), 7L, "ip").allowed()).isTrue();
        assertThat(rl.check("PATCH", "/channels/{channel_id}", channel("1"), 7L, "ip").allowed()).isFalse();
    }

    @Test
    void globalLimitCountsEveryRouteAndAnswersGlobally() {
        RateLimiter rl = limiter(Map.of("ratelimit.global.limit", "3", "ratelimit.global.window.ms", "1000"));
        assertThat(rl.check("GET", "/users/@me", Map.of(), 7L, "ip").allowed()).isTrue();
        assertThat(rl.check("GET", MESSAGES, channel("1"), 7L, "ip").allowed()).isTrue();
        assertThat(rl.check("GET", null, Map.of(), 7L, "ip").allowed()).isTrue(); // unknown route: global only
        RateLimiter.Decision d = rl.check("GET", MESSAGES, channel("2"), 7L, "ip");
        assertThat(d.outcome()).isEqualTo(RateLimiter.Outcome.GLOBAL_LIMITED);
        assertThat(d.global()).isTrue();
        assertThat(d.scope()).isEqualTo("global");
        assertThat(d.route()).isNull();
        assertThat(d.retryAfterNanos()).isEqualTo(1000 * MS);
        // another caller, and the IP without a token, have their own global buckets
        assertThat(rl.check("GET", "/users/@me", Map.of(), 8L, "ip").allowed()).isTrue();
        assertThat(rl.check("GET", "/users/@me", Map.of(), null, "ip").allowed()).isTrue();
        time.advanceMillis(1000);
        assertThat(rl.check("GET", MESSAGES, channel("2"), 7L, "ip").allowed()).isTrue();
    }

    @Test
    void tooManyInvalidRequestsRefuseTheAddressUntilTheWindowEnds() {
        RateLimiter rl = limiter(Map.of("ratelimit.invalid.limit", "3", "ratelimit.invalid.window.ms", "60000"));
        rl.recordInvalid("10.0.0.1");
        rl.recordInvalid("10.0.0.1");
        assertThat(rl.refusal("10.0.0.1")).isNull();
        rl.recordInvalid("10.0.0.1");
        RateLimiter.Decision refused = rl.check("GET", "/users/@me", Map.of(), 7L, "10.0.0.1");
        assertThat(refused.outcome()).isEqualTo(RateLimiter.Outcome.IP_REFUSED);
        assertThat(refused.global()).isTrue();
        assertThat(refused.retryAfterNanos()).isEqualTo(60_000 * MS);
        assertThat(rl.check("GET", "/users/@me", Map.of(), 7L, "10.0.0.2").allowed()).isTrue();
        time.advanceMillis(60_000);
        assertThat(rl.check("GET", "/users/@me", Map.of(), 7L, "10.0.0.1").allowed()).isTrue();
    }

    @Test
    void idleBucketsExpireAfterTheirWindow() {
        RateLimiter rl = limiter(Map.of("ratelimit.route.default", "5/2000", "ratelimit.global.limit", "1000",
                "ratelimit.global.window.ms", "1000"));
        for (int i = 0; i < 100; i++) {
            rl.check("GET", MESSAGES, channel(Integer.toString(i)), 7L, "ip");
        }
        rl.cleanUp();
        assertThat(rl.bucketCount()).isEqualTo(101); // 100 route buckets + the caller's global bucket
        time.advanceMillis(1000);
        rl.cleanUp();
        assertThat(rl.bucketCount()).isEqualTo(100);
        time.advanceMillis(1000);
        rl.cleanUp();
        assertThat(rl.bucketCount()).isZero();
    }

    @Test
    void configParsesDefaultsRulesAndRejectsNonsense() {
        RateLimitConfig defaults = RateLimitConfig.from(Map.of());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.global()).isEqualTo(new RateLimitConfig.Limit(50, Duration.ofSeconds(1)));
        assertThat(defaults.limitFor("POST", MESSAGES)).isEqualTo(new RateLimitConfig.Limit(5, Duration.ofSeconds(5)));
        assertThat(defaults.limitFor("GET", MESSAGES)).isEqualTo(defaults.routeDefault());
        assertThat(defaults.limitFor("POST", "/auth/login").requests()).isEqualTo(60);
        assertThat(defaults.invalidRequests()).isEqualTo(new RateLimitConfig.Limit(10_000, Duration.ofMinutes(10)));
        assertThat(RateLimitConfig.from(Map.of("ratelimit.routes", "none")).routes()).isEmpty();
        assertThat(RateLimitConfig.from(Map.of("ratelimit.enabled", "false")).enabled()).isFalse();

        assertThatThrownBy(() -> RateLimitConfig.from(Map.of("ratelimit.routes", "POST /x five/1000")))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> RateLimitConfig.from(Map.of("ratelimit.routes", "POST x 5/1000")))
                .hasMessageContaining("METHOD /template");
        assertThatThrownBy(() -> RateLimitConfig.from(Map.of("ratelimit.global.limit", "0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RateLimitConfig.from(Map.of("ratelimit.route.default", "5/0")))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> RateLimitConfig.from(Map.of("ratelimit.enabled", "yes")))
                .hasMessageContaining("true or false");
    }
}

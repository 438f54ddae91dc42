package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

/**
 * 20016, answered as Discord's rate-limit response (429 with {@code retry_after}, {@code global} and
 * {@code Retry-After}): the caller must wait out the channel's slowmode before sending again.
 */
public final class SlowmodeRateLimited extends ApiException {
    private final long retryAfterMillis;

    public SlowmodeRateLimited(Duration retryAfter) {
        super(429, 20016, "This action cannot be performed due to slowmode rate limit");
        this.retryAfterMillis = Math.max(1, retryAfter.toMillis());
    }

    @Override
    public void addFields(ObjectNode body) {
        body.put("retry_after", retryAfterMillis / 1000.0);
        body.put("global", false);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString((retryAfterMillis + 999) / 1000), "X-RateLimit-Scope", "user");
    }
}

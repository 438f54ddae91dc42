package dev.guildhall.core.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStartLimiterTest {
    @Test
    void countsIdentifiesPerAccountAndResetsAfterTheWindow() {
        AtomicLong now = new AtomicLong(1_000_000);
        SessionStartLimiter limiter = new SessionStartLimiter(3, now::get);
        assertThat(limiter.limit(1)).isEqualTo(new SessionStartLimiter.Limit(3, 3, 86_400_000, 1));
        assertThat(limiter.tryStart(1)).isTrue();
        now.addAndGet(1000);
        assertThat(limiter.tryStart(1)).isTrue();
        assertThat(limiter.tryStart(1)).isTrue();
        assertThat(limiter.tryStart(1)).as("exhausted").isFalse();
        assertThat(limiter.tryStart(2)).as("other accounts have their own").isTrue();
        assertThat(limiter.limit(1)).isEqualTo(new SessionStartLimiter.Limit(3, 0, 86_399_000, 1));

        now.addAndGet(86_399_000); // the window (from the first IDENTIFY) has passed
        assertThat(limiter.limit(1).remaining()).isEqualTo(3);
        assertThat(limiter.tryStart(1)).isTrue();
        assertThat(limiter.limit(1)).isEqualTo(new SessionStartLimiter.Limit(3, 2, 86_400_000, 1));
    }
}

package dev.guildhall.monitor.kafka;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadFailurePolicyTest {
    @Test
    void replacesThreadsUntilTheyFailTooOften() {
        AtomicLong now = new AtomicLong(0);
        ThreadFailurePolicy policy = new ThreadFailurePolicy(2, 1000, now::get);
        RuntimeException boom = new RuntimeException("boom");
        assertThat(policy.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.set(500);
        assertThat(policy.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.set(2000); // both earlier failures are out of the period
        assertThat(policy.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.set(2100);
        assertThat(policy.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.set(2200);
        assertThat(policy.handle(boom)).isEqualTo(SHUTDOWN_CLIENT);
    }
}

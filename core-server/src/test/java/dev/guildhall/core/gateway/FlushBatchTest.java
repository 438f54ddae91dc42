package dev.guildhall.core.gateway;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The flushes of one fan-out go out as one task per event loop, in the order they were scheduled. */
class FlushBatchTest {
    /** An event loop that counts the tasks submitted to it. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger submitted = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            submitted.incrementAndGet();
            super.execute(task);
        }

        void await() throws Exception {
            submit(() -> { }).get(10, TimeUnit.SECONDS);
            submitted.decrementAndGet(); // not the barrier
        }
    }

    @Test
    void oneTaskPerEventLoopInSchedulingOrder() throws Exception {
        CountingLoop a = new CountingLoop();
        CountingLoop b = new CountingLoop();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<String> rejected = new ArrayList<>();
        try {
            FlushBatch.around(() -> {
                assertThat(FlushBatch.defer(a, () -> ran.add("a1"), () -> rejected.add("a1"))).isTrue();
                assertThat(FlushBatch.defer(b, () -> ran.add("b1"), () -> rejected.add("b1"))).isTrue();
                assertThat(FlushBatch.defer(a, () -> {
                    ran.add("a2");
                    throw new IllegalStateException("one failing flush does not stop the others");
                }, () -> rejected.add("a2"))).isTrue();
                FlushBatch.around(() -> FlushBatch.defer(a, () -> ran.add("a3"), () -> rejected.add("a3")));
                assertThat(a.submitted.get() + b.submitted.get()).isZero(); // nothing before the fan-out ends
            });
            a.await();
            b.await();
            assertThat(a.submitted.get()).isEqualTo(1);
            assertThat(b.submitted.get()).isEqualTo(1);
            assertThat(ran.stream().filter(s -> s.startsWith("a"))).containsExactly("a1", "a2", "a3");
            assertThat(ran).contains("b1");
            assertThat(rejected).isEmpty();
            // outside a fan-out the caller submits itself
            assertThat(FlushBatch.defer(a, () -> ran.add("x"), () -> { })).isFalse();
        } finally {
            a.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
            b.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
        // a loop that is gone refuses the batch: each flush hears of it
        FlushBatch.around(() -> FlushBatch.defer(a, () -> ran.add("late"), () -> rejected.add("late")));
        assertThat(rejected).containsExactly("late");
    }
}

package dev.guildhall.console.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentQueriesTest {

    private final ConcurrentQueries queries = new ConcurrentQueries();

    @AfterEach
    void stop() {
        queries.destroy();
    }

    @Test
    void queriesRunSideBySide() throws Exception {
        // two queries that each wait for the other: they finish only when both run at the same time
        CountDownLatch both = new CountDownLatch(2);
        CompletableFuture<String> a = queries.start(() -> meet(both, "a"));
        CompletableFuture<String> b = queries.start(() -> meet(both, "b"));
        assertThat(ConcurrentQueries.answer(a)).isEqualTo("a");
        assertThat(ConcurrentQueries.answer(b)).isEqualTo("b");
    }

    @Test
    void aFailedQueryThrowsItsOwnException() {
        CompletableFuture<Object> failed = queries.start(() -> {
            throw new IllegalStateException("ClickHouse is down");
        });
        assertThatThrownBy(() -> ConcurrentQueries.answer(failed))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("ClickHouse is down");
    }

    @Test
    void sequentialRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertThat(ConcurrentQueries.answer(ConcurrentQueries.sequential().start(Thread::currentThread)))
                .isSameAs(caller);
    }

    private static String meet(CountDownLatch both, String answer) {
        both.countDown();
        try {
            if (!both.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other query never ran alongside");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return answer;
    }
}

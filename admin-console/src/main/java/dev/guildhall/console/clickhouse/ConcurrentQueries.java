package dev.guildhall.console.clickhouse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs a page's independent warehouse queries side by side, so a dashboard waits for its slowest query rather than
 * their sum. A small fixed pool ({@value #THREADS} threads) bounds what one console asks of ClickHouse at once; the
 * answers are the same as run one after the other. {@link #sequential()} runs each query on the caller's thread
 * (unit tests of the services built on it).
 */
@Component
public class ConcurrentQueries implements DisposableBean {

    static final int THREADS = 4;

    private final Executor executor;
    private final ExecutorService owned;

    public ConcurrentQueries() {
        AtomicInteger n = new AtomicInteger();
        this.owned = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "warehouse-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor = owned;
    }

    private ConcurrentQueries(Executor executor) {
        this.executor = executor;
        this.owned = null;
    }

    /** Every query on the caller's thread, one after the other. */
    public static ConcurrentQueries sequential() {
        return new ConcurrentQueries(Runnable::run);
    }

    /** Starts {@code query}; read its answer with {@link #answer}. */
    public <T> CompletableFuture<T> start(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, executor);
    }

    /** The query's answer; a query that failed throws its own exception, as if it had run on this thread. */
    public static <T> T answer(CompletableFuture<T> query) {
        try {
            return query.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}

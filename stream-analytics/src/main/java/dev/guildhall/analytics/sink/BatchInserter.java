package dev.guildhall.analytics.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Inserts a batch of rows in one HTTP request ({@link ClickHouseHttp}, TabSeparated rows encoded once into a reused
 * buffer by {@link ClickHouseTable#write}), retrying with exponential backoff. After the last attempt it throws, so
 * the job fails and restarts from its latest checkpoint: rows are never dropped silently.
 */
public final class BatchInserter<T> implements BatchWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);

    /** Notified of each failed attempt (metrics). */
    public interface Listener {
        void attemptFailed(int attempt, IOException error);
    }

    /** How the inserter waits between attempts (tests pass a recording sleeper). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ClickHouseHttp clickhouse;
    private final ClickHouseTable<T> table;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Listener listener;
    private final Sleeper sleeper;
    private final TabSeparatedRows rows = new TabSeparatedRows(64 * 1024);

    public BatchInserter(String jdbcUrl, ClickHouseTable<T> table, int maxAttempts, Backoff backoff,
                         Listener listener, Sleeper sleeper) {
        this.clickhouse = new ClickHouseHttp(jdbcUrl, table.insertQuery(), Duration.ofSeconds(10),
                Duration.ofSeconds(120));
        this.table = table;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    @Override
    public void insert(List<T> batch) throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        rows.clear();
        for (T row : batch) {
            table.write(rows, row);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                clickhouse.post(rows.buffer(), rows.length());
                if (attempt > 1) {
                    LOG.info("insert into {} of {} rows succeeded at attempt {}", table.name(), batch.size(), attempt);
                }
                return;
            } catch (IOException e) {
                listener.attemptFailed(attempt, e);
                if (attempt >= maxAttempts) {
                    throw new IOException("insert into " + table.name() + " of " + batch.size() + " rows failed after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                Duration delay = backoff.delayAfter(attempt);
                LOG.warn("insert into {} of {} rows failed (attempt {}/{}), retrying in {} ms: {}", table.name(),
                        batch.size(), attempt, maxAttempts, delay.toMillis(), e.getMessage());
                sleeper.sleep(delay);
            }
        }
    }

    @Override
    public void close() {
        // nothing held: idle keep-alive connections are closed by the JDK's cache
    }
}

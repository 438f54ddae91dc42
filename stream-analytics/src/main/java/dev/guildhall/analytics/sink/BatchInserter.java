package dev.guildhall.analytics.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Inserts a batch of rows in one JDBC batch, retrying with exponential backoff. After the last attempt it throws,
 * so the job fails and restarts from its latest checkpoint: rows are never dropped silently.
 */
public final class BatchInserter<T> implements BatchWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);

    /** Notified of each failed attempt (metrics). */
    public interface Listener {
        void attemptFailed(int attempt, SQLException error);
    }

    /** How the inserter waits between attempts (tests pass a recording sleeper). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final DataSource dataSource;
    private final ClickHouseTable<T> table;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Listener listener;
    private final Sleeper sleeper;
    private final String sql;
    private Connection connection;

    public BatchInserter(DataSource dataSource, ClickHouseTable<T> table, int maxAttempts, Backoff backoff,
                         Listener listener, Sleeper sleeper) {
        this.dataSource = dataSource;
        this.table = table;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.listener = listener;
        this.sleeper = sleeper;
        this.sql = table.insertSql();
    }

    @Override
    public void insert(List<T> rows) throws IOException, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                insertOnce(rows);
                if (attempt > 1) {
                    LOG.info("insert into {} of {} rows succeeded at attempt {}", table.name(), rows.size(), attempt);
                }
                return;
            } catch (SQLException e) {
                closeConnection();
                listener.attemptFailed(attempt, e);
                if (attempt >= maxAttempts) {
                    throw new IOException("insert into " + table.name() + " of " + rows.size() + " rows failed after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                Duration delay = backoff.delayAfter(attempt);
                LOG.warn("insert into {} of {} rows failed (attempt {}/{}), retrying in {} ms: {}", table.name(),
                        rows.size(), attempt, maxAttempts, delay.toMillis(), e.getMessage());
                sleeper.sleep(delay);
            }
        }
    }

    private void insertOnce(List<T> rows) throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T row : rows) {
                table.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing ClickHouse connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}

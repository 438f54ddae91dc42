package dev.guildhall.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.core.config.CoreConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The PostgreSQL pool plus a small transaction helper. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final CoreConfig config;

    public Database(CoreConfig config) {
        this.config = config;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("core-pg");
        hikari.setJdbcUrl(config.pgUrl());
        hikari.setUsername(config.pgUser());
        hikari.setPassword(config.pgPassword());
        hikari.setMaximumPoolSize(config.pgPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.pgPoolSize()));
        hikari.setConnectionTimeout(10_000);
        hikari.setAutoCommit(true);
        hikari.addDataSourceProperty("ApplicationName", "guildhall-core-server");
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.dataSource = new HikariDataSource(hikari);
    }

    /** Applies pending Flyway migrations from {@code classpath:db/migration}. */
    public void migrate() {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("flyway migrations applied={} schemaVersion={}", result.migrationsExecuted, result.targetSchemaVersion);
    }

    /**
     * A connection outside the pool, for session state that must end with the connection (advisory locks):
     * closing it really closes the PostgreSQL session.
     */
    public Connection openDedicatedConnection() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", config.pgUser());
        props.setProperty("password", config.pgPassword());
        props.setProperty("ApplicationName", "guildhall-core-server-outbox");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "60");
        props.setProperty("tcpKeepAlive", "true");
        return new org.postgresql.Driver().connect(config.pgUrl(), props);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs work in one transaction: commit on success, rollback on any exception. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    t.addSuppressed(rollbackFailure);
                }
                throw t;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Runs work on a pooled connection in auto-commit mode: each statement is its own transaction, so a row lock it
     * takes is held only while PostgreSQL executes it, not across a round trip to this process.
     */
    public <T> T autoCommit(SqlWork<T> work) {
        return read(work);
    }

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}

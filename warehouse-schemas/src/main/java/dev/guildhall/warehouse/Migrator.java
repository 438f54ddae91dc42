package dev.guildhall.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ClickHouse migrations to the database of a jdbc url: creates the database if missing (through
 * the {@code default} database), keeps {@code schema_migrations} (version, name, checksum, applied_at), applies
 * pending migrations in version order and refuses to run when an applied migration's checksum changed.
 *
 * <p>ClickHouse DDL is not transactional: a migration that fails half-way is re-run from its first statement
 * next time, so every statement must be idempotent ({@code CREATE TABLE IF NOT EXISTS}, ...). Two migrators
 * racing on one database is harmless for the same reason (a version may then be recorded twice; it is read once).
 */
public final class Migrator {
  public static final String TABLE = "schema_migrations";
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  private final ClickHouseUrl url;
  private final List<Migration> migrations;
  private Consumer<String> progress = LOG::info;

  /** Result of a run. */
  public record Result(String database, List<String> applied, int alreadyApplied) {}

  /** Migrations from the classpath ({@code db/clickhouse}). */
  public Migrator(String jdbcUrl) {
    this(jdbcUrl, MigrationLoader.fromClasspath());
  }

  public Migrator(String jdbcUrl, List<Migration> migrations) {
    this.url = ClickHouseUrl.parse(jdbcUrl);
    this.migrations = migrations.stream().sorted(java.util.Comparator.comparingInt(Migration::version)).toList();
  }

  /** Where progress lines go (default: SLF4J info). */
  public Migrator withProgress(Consumer<String> progress) {
    this.progress = progress;
    return this;
  }

  public Result migrate() {
    String database = url.database();
    createDatabase(database);
    DataSource ds = ClickHouseConnections.dataSource(url.jdbcUrl());
    try (Connection c = ds.getConnection()) {
      execute(c, "CREATE TABLE IF NOT EXISTS " + TABLE + " (version UInt32, name String, checksum String,"
          + " applied_at DateTime('UTC')) ENGINE = MergeTree ORDER BY version");
      Map<Integer, String[]> applied = applied(c);
      validate(applied);
      List<String> done = new ArrayList<>();
      int already = 0;
      for (Migration m : migrations) {
        if (applied.containsKey(m.version())) {
          already++;
          continue;
        }
        long t0 = System.nanoTime();
        progress.accept("applying " + m.id() + " to " + database + " ...");
        List<String> statements = m.statements();
        for (int i = 0; i < statements.size(); i++) {
          try {
            execute(c, statements.get(i));
          } catch (SQLException e) {
            throw new MigrationException("migration " + m.id() + " failed at statement " + (i + 1) + " of "
                + statements.size() + ": " + e.getMessage() + "\n" + statements.get(i), e);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
            + " (version, name, checksum, applied_at) SELECT ?, ?, ?, now()")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.name());
          ps.setString(3, m.checksum());
          ps.executeUpdate();
        }
        progress.accept("applied " + m.id() + " (" + statements.size() + " statement"
            + (statements.size() == 1 ? "" : "s") + ") in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        done.add(m.id());
      }
      progress.accept(database + ": " + done.size() + " migration(s) applied, " + already + " already applied");
      return new Result(database, done, already);
    } catch (SQLException e) {
      throw new MigrationException("ClickHouse at " + url.host() + ":" + url.port() + " (" + database + "): "
          + e.getMessage(), e);
    }
  }

  private void createDatabase(String database) {
    if ("default".equals(database)) {
      return;
    }
    DataSource ds = ClickHouseConnections.dataSource(url.withDatabase("default").jdbcUrl());
    try (Connection c = ds.getConnection()) {
      execute(c, "CREATE DATABASE IF NOT EXISTS " + database);
    } catch (SQLException e) {
      throw new MigrationException("cannot create database " + database + " on ClickHouse at " + url.host() + ":"
          + url.port() + ": " + e.getMessage(), e);
    }
  }

  /** version -> {name, checksum}; fails if one version was recorded with two checksums. */
  private Map<Integer, String[]> applied(Connection c) throws SQLException {
    Map<Integer, String[]> applied = new HashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT version, name, checksum FROM " + TABLE + " ORDER BY version")) {
      while (rs.next()) {
        int version = rs.getInt(1);
        String[] row = {rs.getString(2), rs.getString(3)};
        String[] previous = applied.put(version, row);
        if (previous != null && !previous[1].equals(row[1])) {
          throw new MigrationException(TABLE + " records version " + version + " twice with different checksums");
        }
      }
    }
    return applied;
  }

  private void validate(Map<Integer, String[]> applied) {
    Map<Integer, Migration> known = new HashMap<>();
    migrations.forEach(m -> known.put(m.version(), m));
    for (Map.Entry<Integer, String[]> e : applied.entrySet()) {
      Migration m = known.get(e.getKey());
      if (m == null) {
        progress.accept("warning: " + url.database() + " has migration V" + e.getKey() + "__" + e.getValue()[0]
            + " applied, which this build does not know (newer code ran here?)");
        continue;
      }
      if (!m.checksum().equals(e.getValue()[1])) {
        throw new MigrationException("migration " + m.id() + " was changed after it was applied to "
            + url.database() + ": checksum in " + TABLE + " is " + e.getValue()[1] + ", the file's is "
            + m.checksum() + ". Never edit an applied migration: restore it and add a new one.");
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

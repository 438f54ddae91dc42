package dev.guildhall.testkit;

/** A ClickHouse server shared by all tests of this JVM (see {@link Engines#clickhouse()}). */
public interface ClickHouseEngine {
  int httpPort();

  int nativePort();

  /** Creates a fresh uniquely named database, returns its name. */
  String createDatabase(String prefix);

  /** jdbc:clickhouse://127.0.0.1:&lt;http&gt;/&lt;db&gt; */
  String jdbcUrl(String database);

  /** Runs SQL over the HTTP interface, returns the response body (TSV); throws with ClickHouse's error text on failure. */
  String query(String sql);

  /** Like {@link #query(String)} with {@code database} as the session's current database. */
  String query(String database, String sql);

  /** The server's process id. */
  long pid();
}

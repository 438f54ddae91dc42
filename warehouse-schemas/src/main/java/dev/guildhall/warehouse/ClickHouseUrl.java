package dev.guildhall.warehouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:clickhouse://host:port/database?params} url. The database defaults to {@code default}.
 */
public record ClickHouseUrl(String host, int port, String database, String params) {
  private static final Pattern URL = Pattern.compile(
      "jdbc:clickhouse://([^/:?]+)(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public static ClickHouseUrl parse(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("ClickHouse url is empty; expected jdbc:clickhouse://host:port/database");
    }
    Matcher m = URL.matcher(jdbcUrl.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a ClickHouse JDBC url: '" + jdbcUrl
          + "' (expected jdbc:clickhouse://host:port/database)");
    }
    int port = m.group(2) == null ? 8123 : Integer.parseInt(m.group(2));
    String database = m.group(3) == null || m.group(3).isEmpty() ? "default" : m.group(3);
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid ClickHouse database name '" + database + "' in " + jdbcUrl
          + " (letters, digits and _ only)");
    }
    return new ClickHouseUrl(m.group(1), port, database, m.group(4) == null ? "" : m.group(4));
  }

  /** The same server with another database. */
  public ClickHouseUrl withDatabase(String otherDatabase) {
    return new ClickHouseUrl(host, port, otherDatabase, params);
  }

  public String jdbcUrl() {
    return "jdbc:clickhouse://" + host + ":" + port + "/" + database + (params.isEmpty() ? "" : "?" + params);
  }

  @Override
  public String toString() {
    return jdbcUrl();
  }
}

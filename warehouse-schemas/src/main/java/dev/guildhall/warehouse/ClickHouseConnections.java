package dev.guildhall.warehouse;

import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * The one factory for ClickHouse connections. Every module gets its {@link DataSource} here.
 *
 * <p>The default driver is the legacy {@code ru.yandex.clickhouse.ClickHouseDataSource} of
 * clickhouse-jdbc 0.3.2-patch11 with {@code compress=false}: the only driver that works against ClickHouse
 * 18.16 (the Debian server used here). It is created directly, never through {@code DriverManager}, because the
 * same jar also registers {@code com.clickhouse.jdbc.ClickHouseDriver}, which fails on 18.16.
 *
 * <p>Seam for a modern server: the driver is chosen by the system property {@code guildhall.clickhouse.driver} or
 * the environment variable {@code GUILDHALL_CLICKHOUSE_DRIVER} ({@code legacy}, the default). Adding a modern
 * driver means adding a {@link Driver} constant and its builder here; callers do not change.
 */
public final class ClickHouseConnections {
  public static final String DRIVER_PROPERTY = "guildhall.clickhouse.driver";
  public static final String DRIVER_ENV = "GUILDHALL_CLICKHOUSE_DRIVER";

  /** The drivers this build knows. */
  public enum Driver {
    /** ru.yandex.clickhouse.ClickHouseDataSource (clickhouse-jdbc 0.3.2-patch11), works on 18.16 and current servers. */
    LEGACY
  }

  private ClickHouseConnections() {}

  /** A DataSource for {@code jdbc:clickhouse://host:port/database} using the configured driver. */
  public static DataSource dataSource(String jdbcUrl) {
    return dataSource(jdbcUrl, configuredDriver());
  }

  public static DataSource dataSource(String jdbcUrl, Driver driver) {
    ClickHouseUrl url = ClickHouseUrl.parse(jdbcUrl);
    return switch (driver) {
      case LEGACY -> legacy(url);
    };
  }

  static Driver configuredDriver() {
    String value = System.getProperty(DRIVER_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(DRIVER_ENV);
    }
    if (value == null || value.isBlank()) {
      return Driver.LEGACY;
    }
    try {
      return Driver.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown ClickHouse driver '" + value + "' (" + DRIVER_ENV + "); known: "
          + java.util.Arrays.toString(Driver.values()), e);
    }
  }

  private static DataSource legacy(ClickHouseUrl url) {
    Properties props = new Properties();
    props.setProperty("compress", "false");
    props.setProperty("decompress", "false");
    props.setProperty("connection_timeout", "10000");
    props.setProperty("socket_timeout", "120000");
    props.setProperty("use_server_time_zone", "false");
    props.setProperty("use_time_zone", "UTC");
    return new ClickHouseDataSource(url.jdbcUrl(), props);
  }
}

package dev.guildhall.warehouse;

/**
 * CLI: applies the ClickHouse migrations to {@code GUILDHALL_CLICKHOUSE_URL}
 * (default jdbc:clickhouse://127.0.0.1:8123/guildhall), creating the database if missing.
 * Exit 0 when the database is up to date, 1 on any failure (the reason is printed), 2 on bad configuration.
 */
public final class MigrateMain {
  public static final String URL_ENV = "GUILDHALL_CLICKHOUSE_URL";
  public static final String DEFAULT_URL = "jdbc:clickhouse://127.0.0.1:8123/guildhall";

  private MigrateMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "warehouse-migrate-logback.xml");
    }
    System.exit(run(System.getenv(URL_ENV)));
  }

  static int run(String configuredUrl) {
    String url = configuredUrl == null || configuredUrl.isBlank() ? DEFAULT_URL : configuredUrl.trim();
    try {
      ClickHouseUrl.parse(url);
    } catch (IllegalArgumentException e) {
      System.err.println("warehouse migrations: bad " + URL_ENV + ": " + e.getMessage());
      return 2;
    }
    System.out.println("warehouse migrations: target " + url);
    try {
      Migrator.Result result = new Migrator(url).withProgress(line -> System.out.println("warehouse migrations: " + line))
          .migrate();
      System.out.println("warehouse migrations: done, database " + result.database() + " is up to date");
      return 0;
    } catch (RuntimeException e) {
      System.err.println("warehouse migrations: FAILED: " + e.getMessage());
      return 1;
    }
  }
}

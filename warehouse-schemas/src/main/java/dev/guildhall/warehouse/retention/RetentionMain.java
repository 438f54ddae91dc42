package dev.guildhall.warehouse.retention;

import dev.guildhall.warehouse.ClickHouseUrl;
import dev.guildhall.warehouse.MigrateMain;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CLI: drops the monthly partitions of the analytics tables that lie wholly before {@code today - horizon}.
 * Configuration: {@code GUILDHALL_CLICKHOUSE_URL} (as {@link MigrateMain}), {@code GUILDHALL_RETENTION_DAYS}
 * (default {@value #DEFAULT_DAYS}); argument {@code --dry-run} only lists what would be dropped.
 * Exit 0 when done, 1 on any failure (the reason is printed), 2 on bad configuration. Run it daily (cron).
 */
public final class RetentionMain {
  public static final String DAYS_ENV = "GUILDHALL_RETENTION_DAYS";
  /** About 13 months: a year-over-year comparison still finds last year's month. */
  public static final int DEFAULT_DAYS = 400;

  private RetentionMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "warehouse-migrate-logback.xml");
    }
    System.exit(run(args, System.getenv(), Clock.systemUTC()));
  }

  static int run(String[] args, Map<String, String> env, Clock clock) {
    List<String> arguments = Arrays.asList(args);
    boolean dryRun = arguments.contains("--dry-run");
    if (arguments.stream().anyMatch(a -> !a.equals("--dry-run"))) {
      System.err.println("warehouse retention: unknown arguments " + arguments + " (only --dry-run)");
      return 2;
    }
    String configuredUrl = env.get(MigrateMain.URL_ENV);
    String url = configuredUrl == null || configuredUrl.isBlank() ? MigrateMain.DEFAULT_URL : configuredUrl.trim();
    int days;
    try {
      ClickHouseUrl.parse(url);
      String configuredDays = env.get(DAYS_ENV);
      days = configuredDays == null || configuredDays.isBlank() ? DEFAULT_DAYS : Integer.parseInt(configuredDays.trim());
      Retention.cutoff(LocalDate.now(clock), days);
    } catch (IllegalArgumentException e) {
      System.err.println("warehouse retention: bad configuration: " + e.getMessage());
      return 2;
    }
    try {
      List<Retention.Partition> dropped = new Retention(url)
          .withProgress(line -> System.out.println("warehouse retention: " + line))
          .apply(LocalDate.now(clock), days, dryRun);
      System.out.println("warehouse retention: done, " + dropped.size() + " partitions "
          + (dryRun ? "would be dropped" : "dropped"));
      return 0;
    } catch (RuntimeException e) {
      System.err.println("warehouse retention: FAILED: " + e.getMessage());
      return 1;
    }
  }
}

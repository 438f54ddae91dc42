package dev.guildhall.warehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.MigrateMain;
import dev.guildhall.warehouse.Migrator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionIT {
  private static final LocalDate TODAY = LocalDate.parse("2026-01-15");

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private String url;

  @BeforeEach
  void seeded() {
    db = ch.createDatabase("retention");
    url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    for (String day : List.of("2025-01-10", "2025-06-30", "2025-07-01", "2026-01-14")) {
      String t = "'" + day + " 12:00:00'";
      ch.query(db, "INSERT INTO message_counts_1m VALUES (1, 10, " + t + ", 1, 1)");
      ch.query(db, "INSERT INTO user_activity_1d VALUES (1, 5, '" + day + "', 1, 1)"); // also fills daily/weekly_active_users
      ch.query(db, "INSERT INTO moderation_actions VALUES (1, " + t + ", 1, 'ban', 2, 3, 0, 1)");
      // through the Null input table: its view writes the digest states into voice_quality_channel_1m
      ch.query(db, "INSERT INTO voice_quality_channel_1m_input VALUES ('eu', 'vs-1', 1, 10, " + t
          + ", 1, [20.0], [3.0], 250, 1, 0, 1, 4.2, 1, 32.0, 1)");
      ch.query(db, "INSERT INTO voice_session_days VALUES (1, '" + day + "', 10, 5, 's', 1, 60000, 0, 'eu', 'vs-1', 1)");
    }
  }

  private String months(String table) {
    return ch.query(db, "SELECT groupArray(m) FROM (SELECT DISTINCT toYYYYMM(" + timeColumn(table) + ") AS m FROM "
        + table + " ORDER BY m)").trim();
  }

  private static String timeColumn(String table) {
    return switch (table) {
      case "message_counts_1m", "voice_quality_channel_1m" -> "minute";
      case "moderation_actions" -> "occurred_at";
      case "weekly_active_users" -> "week";
      default -> "day";
    };
  }

  @Test
  void dropsWholeMonthsBeforeTheCutoffInEveryTable() {
    // cutoff 2025-07-01 (198 days before 2026-01-15): June 2025 is wholly before it, July is kept
    List<Retention.Partition> dropped = new Retention(url).apply(TODAY, 198, false);
    assertThat(dropped).extracting(Retention.Partition::month).containsOnly("202501", "202506");
    assertThat(dropped).extracting(Retention.Partition::table).containsOnly("message_counts_1m", "user_activity_1d",
        "daily_active_users", "weekly_active_users", "moderation_actions", "voice_quality_channel_1m", "voice_session_days");
    for (String table : List.of("message_counts_1m", "user_activity_1d", "daily_active_users", "moderation_actions",
        "voice_quality_channel_1m", "voice_session_days")) {
      assertThat(months(table)).as(table).isEqualTo("[202507,202601]");
    }
    // the week of 2025-06-30 starts on Monday 2025-06-30, so June holds it and it goes with June
    assertThat(months("weekly_active_users")).isEqualTo("[202601]");
    assertThat(new Retention(url).apply(TODAY, 198, false)).isEmpty();
  }

  @Test
  void dryRunDropsNothing() {
    assertThat(new Retention(url).apply(TODAY, 30, true)).isNotEmpty();
    assertThat(months("message_counts_1m")).isEqualTo("[202501,202506,202507,202601]");
  }

  @Test
  void everyMergeTreeTableOfTheMigrationsIsCovered() {
    String tables = ch.query("SELECT name FROM system.tables WHERE database = '" + db + "' AND engine LIKE '%MergeTree'"
        + " AND name != '" + Migrator.TABLE + "' ORDER BY name");
    assertThat(Arrays.asList(tables.trim().split("\n"))).containsExactlyInAnyOrderElementsOf(Retention.TABLES);
  }

  @Test
  void cliExitCodes() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-15T03:00:00Z"), ZoneOffset.UTC);
    Map<String, String> env = Map.of(MigrateMain.URL_ENV, url, RetentionMain.DAYS_ENV, "198");
    assertThat(RetentionMain.run(new String[] {"--dry-run"}, env, clock)).isZero();
    assertThat(months("message_counts_1m")).isEqualTo("[202501,202506,202507,202601]");
    assertThat(RetentionMain.run(new String[0], env, clock)).isZero();
    assertThat(months("message_counts_1m")).isEqualTo("[202507,202601]");
    assertThat(RetentionMain.run(new String[0], Map.of(MigrateMain.URL_ENV, url, RetentionMain.DAYS_ENV, "0"), clock))
        .isEqualTo(2);
    assertThat(RetentionMain.run(new String[0], Map.of(MigrateMain.URL_ENV, "http://nope"), clock)).isEqualTo(2);
    assertThat(RetentionMain.run(new String[] {"--force"}, env, clock)).isEqualTo(2);
    assertThat(RetentionMain.run(new String[0], Map.of(MigrateMain.URL_ENV,
        "jdbc:clickhouse://127.0.0.1:1/" + db), clock)).isEqualTo(1);
  }
}

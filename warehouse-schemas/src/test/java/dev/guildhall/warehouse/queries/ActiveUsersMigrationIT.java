package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migration;
import dev.guildhall.warehouse.MigrationLoader;
import dev.guildhall.warehouse.Migrator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V010 moves daily and weekly active users to finely indexed tables: states written before it (into
 * active_users_1d/1w) and after it (by the new views) give the same answers as the source rows, counted exactly.
 */
class ActiveUsersMigrationIT {
  private static final LocalDate MON = LocalDate.parse("2026-01-05"); // a Monday

  private final ClickHouseEngine ch = Engines.clickhouse();

  @Test
  void statesFromBeforeAndAfterV010AnswerLikeTheSourceRows() {
    String db = ch.createDatabase("activeusers");
    String url = ch.jdbcUrl(db);
    List<Migration> shipped = MigrationLoader.fromClasspath();
    List<Migration> beforeV010 = shipped.stream().filter(m -> m.version() < 10).toList();
    new Migrator(url, beforeV010).migrate();
    // before V010: 40 guilds x 21 days x 30 users, two inserts (a user of the second is often one of the first)
    for (int batch = 0; batch < 2; batch++) {
      ch.query(db, "INSERT INTO user_activity_1d SELECT 1 + number % 40, 1000 + intHash32(number * 7 + " + batch
          + ") % 60, toDate('" + MON + "') + intDiv(number, 40) % 21, 1, 1 FROM numbers(25200)");
    }
    new Migrator(url, shipped).migrate();
    assertThat(ch.query(db, "EXISTS TABLE active_users_1d")).isEqualTo("0\n");
    assertThat(ch.query(db, "EXISTS TABLE active_users_1w_mv")).isEqualTo("0\n");
    // after V010: the views of the new tables; users on the same days as before, and new days
    ch.query(db, "INSERT INTO user_activity_1d SELECT 1 + number % 40, 2000 + intHash32(number) % 50,"
        + " toDate('" + MON + "') + 14 + intDiv(number, 40) % 14, 1, 2 FROM numbers(11200)");

    InsightsQueries queries = new InsightsQueries(ClickHouseConnections.dataSource(url));
    for (long guild : new long[] {1, 17, 40}) {
      List<DayCount> daily = queries.dailyActiveUsers(guild, MON, MON.plusDays(28));
      assertThat(daily).hasSize(28);
      assertThat(daily).containsExactlyElementsOf(exactDaily(db, guild));
      List<WeekCount> weekly = queries.weeklyActiveUsers(guild, MON, MON.plusDays(28));
      assertThat(weekly).hasSize(4);
      assertThat(weekly).containsExactlyElementsOf(exactWeekly(db, guild));
    }
  }

  private List<DayCount> exactDaily(String db, long guild) {
    return ch.query(db, "SELECT toString(day), uniqExact(user_id) FROM user_activity_1d WHERE guild_id = " + guild
            + " GROUP BY day ORDER BY day").lines()
        .map(l -> l.split("\t"))
        .map(f -> new DayCount(LocalDate.parse(f[0]), Long.parseLong(f[1])))
        .toList();
  }

  private List<WeekCount> exactWeekly(String db, long guild) {
    return ch.query(db, "SELECT toString(toMonday(day) AS w), uniqExact(user_id) FROM user_activity_1d"
            + " WHERE guild_id = " + guild + " GROUP BY w ORDER BY w").lines()
        .map(l -> l.split("\t"))
        .map(f -> new WeekCount(LocalDate.parse(f[0]), Long.parseLong(f[1])))
        .toList();
  }
}

package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner-insight queries on seeded rows, each row in its own part (readers must reduce re-emitted rows). */
class InsightsQueriesIT {
  private static final LocalDate MON = LocalDate.parse("2026-01-05"); // a Monday
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private InsightsQueries queries;

  @BeforeEach
  void freshWarehouse() {
    db = ch.createDatabase("insights");
    String url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    queries = new InsightsQueries(ClickHouseConnections.dataSource(url));
  }

  private void insert(String table, String... rows) {
    for (String row : rows) {
      ch.query(db, "INSERT INTO " + table + " VALUES (" + row + ")");
    }
  }

  private static String day(int plusDays) {
    return "'" + MON.plusDays(plusDays) + "'";
  }

  private static String at(long secondsAfterT0) {
    return "'" + T0.plusSeconds(secondsAfterT0).toString().replace("T", " ").replace("Z", "") + "'";
  }

  @Test
  void memberGrowthPerDayKeepsTheLatestWindowRow() {
    insert("member_changes_1d",
        "1, " + day(0) + ", 3, 1, 100",
        "1, " + day(0) + ", 5, 2, 200",   // re-emitted day, higher version: replaces 3/1
        "1, " + day(1) + ", 0, 4, 100",
        "1, " + day(2) + ", 9, 9, 50",
        "1, " + day(2) + ", 1, 0, 40",    // older version: ignored
        "1, " + day(7) + ", 7, 0, 100",   // at 'to'
        "2, " + day(0) + ", 50, 0, 100"); // another guild
    assertThat(queries.memberGrowth(1, MON, MON.plusDays(7))).containsExactly(
        new MemberDay(MON, 5, 2), new MemberDay(MON.plusDays(1), 0, 4), new MemberDay(MON.plusDays(2), 9, 9));
    assertThat(queries.memberGrowth(1, MON, MON.plusDays(1)).get(0).net()).isEqualTo(3);
    assertThat(queries.memberGrowth(3, MON, MON.plusDays(7))).isEmpty();
  }

  @Test
  void messagesPerDayAndBusiestHoursReduceReEmittedMinutes() {
    insert("message_counts_1m",
        "1, 10, " + at(0) + ", 5, 100",
        "1, 10, " + at(0) + ", 7, 200",          // replaces 5
        "1, 11, " + at(30) + ", 3, 100",         // another channel, same hour
        "1, 10, " + at(3600) + ", 2, 100",       // Monday 11:00
        "1, 10, " + at(86_400) + ", 4, 100",     // Tuesday 10:00
        "1, 10, " + at(86_400 * 7) + ", 6, 100", // next Monday 10:00
        "2, 20, " + at(0) + ", 100, 100");
    assertThat(queries.messagesPerDay(1, MON, MON.plusDays(7))).containsExactly(
        new DayCount(MON, 12), new DayCount(MON.plusDays(1), 4));
    assertThat(queries.messagesPerDay(1, MON, MON.plusDays(8))).hasSize(3);
    assertThat(queries.busiestHours(1, T0.minusSeconds(3600), T0.plusSeconds(86_400 * 8))).containsExactly(
        new HourOfWeekCount(1, 10, 16),   // both Mondays' 10:00 hours: 7 + 3 + 6
        new HourOfWeekCount(2, 10, 4),
        new HourOfWeekCount(1, 11, 2));
  }

  @Test
  void activeUsersMergeUniqStatesAndIgnoreRepeatedRows() {
    insert("user_activity_1d",
        "1, 100, " + day(0) + ", 3, 100",
        "1, 100, " + day(0) + ", 4, 200",   // the same user's re-emitted window
        "1, 101, " + day(0) + ", 1, 100",
        "1, 100, " + day(1) + ", 1, 100",
        "1, 102, " + day(1) + ", 1, 100",
        "1, 103, " + day(7) + ", 1, 100",   // next week
        "2, 100, " + day(0) + ", 9, 100");
    assertThat(queries.dailyActiveUsers(1, MON, MON.plusDays(7))).containsExactly(
        new DayCount(MON, 2), new DayCount(MON.plusDays(1), 2));
    assertThat(queries.weeklyActiveUsers(1, MON.plusDays(3), MON.plusDays(14))).containsExactly(
        new WeekCount(MON, 3), new WeekCount(MON.plusDays(7), 1));
    assertThat(queries.weeklyActiveUsers(2, MON, MON.plusDays(7))).containsExactly(new WeekCount(MON, 1));
  }

  @Test
  void moderationActionsCountEachEventOnce() {
    insert("moderation_actions",
        "1, " + at(0) + ", 900, 'ban', 7, 8, 0, 1000",
        "1, " + at(0) + ", 900, 'ban', 7, 8, 0, 1000",            // redelivered event
        "1, " + at(60) + ", 901, 'timeout', 7, 9, 99999, 2000",
        "1, " + at(120) + ", 902, 'timeout', 7, 10, 99999, 3000",
        "1, " + at(180) + ", 903, 'kick', 7, 11, 0, 4000",
        "1, " + at(3600) + ", 904, 'kick', 7, 12, 0, 5000",       // at 'to'
        "2, " + at(0) + ", 905, 'ban', 7, 8, 0, 1000");
    assertThat(queries.moderationActions(1, T0, T0.plusSeconds(3600))).containsExactly(
        new ActionCount("timeout", 2), new ActionCount("ban", 1), new ActionCount("kick", 1));
  }

  @Test
  void newMemberRetentionCountsMembersWhoPostedAgainLater() {
    insert("member_events",
        "1, " + at(0) + ", 1, 100, 1, 1",         // Monday: 100 joins, posts on Tuesday and 8 days later
        "1, " + at(60) + ", 2, 101, 1, 2",        // Monday: 101 joins, posts only that day
        "1, " + at(60) + ", 2, 101, 1, 2",        // redelivered
        "1, " + at(120) + ", 3, 102, 1, 3",       // Monday: 102 joins, posts 31 days later
        "1, " + at(180) + ", 4, 102, 0, 4",       // 102 leaves (a leave is no join)
        "1, " + at(86_400) + ", 5, 102, 1, 5",    // 102 joins again on Tuesday: its first join in range counts
        "1, " + at(86_400) + ", 6, 103, 1, 6",    // Tuesday: 103 joins, never posts
        "1, " + at(-86_400) + ", 7, 104, 1, 7",   // Sunday: before the range
        "2, " + at(0) + ", 8, 100, 1, 8");        // another guild
    insert("user_activity_1d",
        "1, 100, " + day(1) + ", 1, 1",
        "1, 100, " + day(8) + ", 1, 1",
        "1, 101, " + day(0) + ", 4, 1",
        "1, 102, " + day(31) + ", 1, 1",
        "2, 103, " + day(9) + ", 1, 1");          // another guild's activity does not count
    assertThat(queries.newMemberRetention(1, MON, MON.plusDays(7))).containsExactly(
        new CohortRetention(MON, 3, 2, 2, 1),
        new CohortRetention(MON.plusDays(1), 1, 0, 0, 0));
  }

  @Test
  void emptyOrReversedRangesAreRejected() {
    assertThatThrownBy(() -> queries.memberGrowth(1, MON, MON)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queries.busiestHours(1, T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}

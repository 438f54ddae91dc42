package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's AutoMod queries on seeded verdict rows, each row in its own part (re-scored messages count once). */
class AutoModQueriesIT {
  private static final LocalDate DAY = LocalDate.parse("2026-01-05");

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private AutoModQueries queries;

  @BeforeEach
  void freshWarehouse() {
    db = ch.createDatabase("automod_q");
    String url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    queries = new AutoModQueries(ClickHouseConnections.dataSource(url));
  }

  /** One verdict row: guild, day offset, message, scores (safe, spam, toxic, harassment), label, decision, scored_ms. */
  private void verdict(long guild, int day, long message, double safe, double spam, double toxic, double harassment,
                       String label, String decision, long scoredMs) {
    ch.query(db, "INSERT INTO automod_verdicts VALUES (" + guild + ", '" + DAY.plusDays(day) + "', " + message
        + ", 10, 20, 'v1', " + safe + ", " + spam + ", " + toxic + ", " + harassment + ", '" + label + "', '"
        + decision + "', [], 'stream', 150, 1000, " + scoredMs + ")");
  }

  @Test
  void verdictsPerDayCountEachMessageOnceByItsLatestVerdict() {
    verdict(1, 0, 100, 0.9, 0.05, 0.03, 0.02, "safe", "allow", 1);
    verdict(1, 0, 101, 0.1, 0.8, 0.05, 0.05, "spam", "flag", 1);
    verdict(1, 0, 101, 0.1, 0.8, 0.05, 0.05, "spam", "flag", 1);      // replayed: same row again
    verdict(1, 0, 102, 0.6, 0.1, 0.2, 0.1, "safe", "allow", 1);
    verdict(1, 0, 102, 0.2, 0.1, 0.6, 0.1, "toxic", "flag", 2);       // re-scored later: replaces the first
    verdict(1, 1, 103, 0.1, 0.1, 0.1, 0.7, "harassment", "flag", 1);
    verdict(1, 7, 104, 0.9, 0.0, 0.1, 0.0, "safe", "allow", 1);       // at 'to'
    verdict(2, 0, 200, 0.1, 0.9, 0.0, 0.0, "spam", "flag", 1);        // another guild

    assertThat(queries.verdictsPerDay(1, DAY, DAY.plusDays(7))).containsExactly(
        new VerdictCount(DAY, "allow", "safe", 1),
        new VerdictCount(DAY, "flag", "spam", 1),
        new VerdictCount(DAY, "flag", "toxic", 1),
        new VerdictCount(DAY.plusDays(1), "flag", "harassment", 1));
    assertThat(queries.verdictsPerDay(3, DAY, DAY.plusDays(7))).isEmpty();
    assertThatThrownBy(() -> queries.verdictsPerDay(1, DAY, DAY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scoreDistributionHasTenBucketsPerLabelAndCountsReplaysOnce() {
    verdict(1, 0, 100, 0.95, 0.05, 0.0, 1.0, "safe", "allow", 1);
    verdict(1, 0, 100, 0.95, 0.05, 0.0, 1.0, "safe", "allow", 1);     // replayed
    verdict(1, 0, 101, 0.12, 0.81, 0.05, 0.99, "spam", "flag", 1);
    verdict(1, 2, 102, 0.55, 0.19, 0.3, 0.0, "safe", "allow", 1);
    verdict(2, 0, 200, 0.0, 0.0, 0.0, 0.0, "safe", "allow", 1);       // another guild

    List<ScoreBucket> buckets = queries.scoreDistribution(1, DAY, DAY.plusDays(3));
    assertThat(buckets).hasSize(40);
    assertThat(buckets.subList(0, 10)).extracting(ScoreBucket::label).containsOnly("safe");
    assertThat(buckets).filteredOn(b -> b.count() > 0).containsExactly(
        new ScoreBucket("safe", 1, 1), new ScoreBucket("safe", 5, 1), new ScoreBucket("safe", 9, 1),
        new ScoreBucket("spam", 0, 1), new ScoreBucket("spam", 1, 1), new ScoreBucket("spam", 8, 1),
        new ScoreBucket("toxic", 0, 2), new ScoreBucket("toxic", 3, 1),
        new ScoreBucket("harassment", 0, 1), new ScoreBucket("harassment", 9, 2));
    assertThat(buckets).extracting(ScoreBucket::count).containsOnly(0L, 1L, 2L);
  }
}

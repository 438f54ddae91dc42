package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleQueriesIT {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private ConsoleQueries queries;

  @BeforeEach
  void freshWarehouse() {
    db = ch.createDatabase("console");
    String url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    queries = new ConsoleQueries(ClickHouseConnections.dataSource(url));
  }

  private static String at(int minutesAfterT0) {
    return "'" + T0.plusSeconds(60L * minutesAfterT0).toString().replace("T", " ").replace("Z", "") + "'";
  }

  /** One INSERT per row so rows land in separate parts and the readers must deduplicate themselves. */
  private void insert(String table, String... rows) {
    for (String row : rows) {
      ch.query(db, "INSERT INTO " + table + " VALUES (" + row + ")");
    }
  }

  private void seedMessages() {
    insert("message_counts_1m",
        "1, 10, " + at(0) + ", 5, 100",
        "1, 10, " + at(0) + ", 7, 200",   // re-emitted window, higher version: replaces 5
        "1, 11, " + at(0) + ", 3, 100",
        "1, 10, " + at(1) + ", 2, 100",
        "1, 11, " + at(2) + ", 4, 100",
        "1, 11, " + at(2) + ", 1, 50",    // late row with a lower version: ignored
        "1, 10, " + at(5) + ", 9, 100",   // at 'to': outside the half-open range
        "1, 10, " + at(-1) + ", 8, 100",  // before 'from'
        "2, 20, " + at(0) + ", 100, 100"); // another guild
  }

  @Test
  void messagesPerMinuteSumsChannelsAndKeepsHighestVersion() {
    seedMessages();
    assertThat(queries.messagesPerMinute(1, T0, T0.plusSeconds(300))).containsExactly(
        new MinuteCount(T0, 10),
        new MinuteCount(T0.plusSeconds(60), 2),
        new MinuteCount(T0.plusSeconds(120), 4));
    assertThat(queries.messagesPerMinute(2, T0, T0.plusSeconds(300))).containsExactly(new MinuteCount(T0, 100));
    assertThat(queries.messagesPerMinute(3, T0, T0.plusSeconds(300))).isEmpty();
  }

  @Test
  void messagesPerChannelBusiestFirst() {
    seedMessages();
    assertThat(queries.messagesPerChannel(1, T0, T0.plusSeconds(300))).containsExactly(
        new ChannelCount(10, 9), new ChannelCount(11, 7));
    assertThat(queries.messagesPerChannel(1, T0.minusSeconds(60), T0.plusSeconds(360))).containsExactly(
        new ChannelCount(10, 26), new ChannelCount(11, 7));
  }

  @Test
  void voiceQualityByRegionUsesWorstP95AndSampleWeightedLoss() {
    insert("voice_quality_1m",
        "'eu', 'eu-1', " + at(0) + ", 100, 5, 20, 0.01, 100",
        "'eu', 'eu-1', " + at(0) + ", 120, 5, 25, 0.02, 200",  // re-emitted: replaces the row above
        "'eu', 'eu-2', " + at(0) + ", 80, 6, 40, 0.07, 100",
        "'us', 'us-1', " + at(0) + ", 50, 4, 10, 0, 100",
        "'us', 'us-1', " + at(1) + ", 0, 0, 0, 0, 100",
        "'us', 'us-1', " + at(9) + ", 10, 1, 1, 0.5, 100");     // outside the range
    List<RegionQuality> rows = queries.voiceQualityByRegion(T0, T0.plusSeconds(300));
    assertThat(rows).extracting(RegionQuality::region, RegionQuality::minute, RegionQuality::samples)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eu", T0, 200L),
            org.assertj.core.groups.Tuple.tuple("us", T0, 50L),
            org.assertj.core.groups.Tuple.tuple("us", T0.plusSeconds(60), 0L));
    assertThat(rows.get(0).jitterP95Ms()).isEqualTo(40.0);
    assertThat(rows.get(0).lossRatio()).isCloseTo((0.02 * 120 + 0.07 * 80) / 200, within(1e-9));
    assertThat(rows.get(1).jitterP95Ms()).isEqualTo(10.0);
    assertThat(rows.get(1).lossRatio()).isZero();
    assertThat(rows.get(2).lossRatio()).isZero();
  }

  @Test
  void recentAlertsNewestFirstWithReEmittedStatesReplaced() {
    long ws = T0.getEpochSecond();
    String window = at(0) + ", " + at(1);
    insert("alerts (alert_id, region, metric, state, value, threshold, window_start, window_end, occurred_at,"
        + " event_id)",
        "'a1', 'eu', 'jitter_p95_ms', 'open', 40, 30, " + window + ", 1000, 'e1'",
        "'a1', 'eu', 'jitter_p95_ms', 'open', 41, 30, " + window + ", 1500, 'e1b'",
        "'a1', 'eu', 'jitter_p95_ms', 'resolved', 20, 30, " + at(1) + ", " + at(2) + ", 2000, 'e2'",
        "'a2', 'us', 'loss_ratio', 'open', 0.09, 0.05, " + window + ", 3000, 'e3'");
    List<VoiceAlertRow> rows = queries.recentAlerts(10);
    assertThat(rows).containsExactly(
        new VoiceAlertRow("a2", "us", "loss_ratio", "open", 0.09, 0.05, T0, T0.plusSeconds(60),
            Instant.ofEpochMilli(3000), "e3"),
        new VoiceAlertRow("a1", "eu", "jitter_p95_ms", "resolved", 20, 30, T0.plusSeconds(60), T0.plusSeconds(120),
            Instant.ofEpochMilli(2000), "e2"),
        new VoiceAlertRow("a1", "eu", "jitter_p95_ms", "open", 41, 30, T0, T0.plusSeconds(60),
            Instant.ofEpochMilli(1500), "e1b"));
    assertThat(queries.recentAlerts(2)).extracting(VoiceAlertRow::eventId).containsExactly("e3", "e2");
    assertThat(ws).isPositive();
  }

  @Test
  void badArgumentsAreClearErrors() {
    assertThatThrownBy(() -> queries.recentAlerts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queries.recentAlerts(ConsoleQueries.MAX_ALERTS + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queries.messagesPerMinute(1, T0, T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be before");
    assertThat(queries.voiceQualityByRegion(T0, T0.plusSeconds(60))).isEmpty();
  }
}

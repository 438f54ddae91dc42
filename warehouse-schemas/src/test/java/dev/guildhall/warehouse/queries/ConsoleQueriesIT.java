package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.Instant;
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
  void badArgumentsAreClearErrors() {
    assertThatThrownBy(() -> queries.messagesPerMinute(1, T0, T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be before");
  }
}

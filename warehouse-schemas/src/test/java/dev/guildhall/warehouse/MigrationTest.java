package dev.guildhall.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {
  @Test
  void splitsStatementsOnSemicolonLinesAndSkipsCommentLines() {
    Migration m = new Migration(7, "two", """
        -- header comment; with a semicolon
        CREATE TABLE a (x UInt8)
        ENGINE = Memory;
          -- between
        CREATE TABLE b (y UInt8) ENGINE = Memory ;

        INSERT INTO b VALUES (1)
        """);
    assertThat(m.statements()).containsExactly(
        "CREATE TABLE a (x UInt8)\nENGINE = Memory",
        "CREATE TABLE b (y UInt8) ENGINE = Memory",
        "INSERT INTO b VALUES (1)");
    assertThat(m.id()).isEqualTo("V007__two");
  }

  @Test
  void checksumIgnoresLineEndingsButNotContent() {
    String a = new Migration(1, "x", "SELECT 1;\n").checksum();
    assertThat(new Migration(1, "x", "SELECT 1;\r\n").checksum()).isEqualTo(a);
    assertThat(new Migration(1, "x", "SELECT 2;\n").checksum()).isNotEqualTo(a).hasSize(64);
  }

  @Test
  void loadsTheShippedMigrationsInOrder() {
    List<Migration> all = MigrationLoader.fromClasspath();
    assertThat(all).extracting(Migration::id)
        .startsWith("V001__message_counts_1m", "V002__voice_quality_1m", "V003__alerts", "V004__engagement",
            "V005__member_events")
        .contains("V006__automod_verdicts", "V007__voice_quality_digests", "V008__voice_sessions_and_late_events",
            "V009__alert_voice_server")
        .isSorted();
    assertThat(all).allSatisfy(m -> assertThat(m.sql()).doesNotContain("LowCardinality", "DateTime64", "TTL"));
  }

  @Test
  void parsesUrls() {
    ClickHouseUrl u = ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/guildhall");
    assertThat(u.host()).isEqualTo("127.0.0.1");
    assertThat(u.port()).isEqualTo(8123);
    assertThat(u.database()).isEqualTo("guildhall");
    assertThat(u.withDatabase("default").jdbcUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default");
    assertThat(ClickHouseUrl.parse("jdbc:clickhouse://h").database()).isEqualTo("default");
    assertThat(ClickHouseUrl.parse("jdbc:clickhouse://h:1/db?user=x").jdbcUrl()).isEqualTo("jdbc:clickhouse://h:1/db?user=x");
    assertThatThrownBy(() -> ClickHouseUrl.parse("jdbc:postgresql://h/db")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a ClickHouse JDBC url");
    assertThatThrownBy(() -> ClickHouseUrl.parse("jdbc:clickhouse://h:1/bad-name")).hasMessageContaining("bad-name");
    assertThatThrownBy(() -> ClickHouseUrl.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownDriverIsAClearError() {
    System.setProperty(ClickHouseConnections.DRIVER_PROPERTY, "modern-nonexistent");
    try {
      assertThatThrownBy(() -> ClickHouseConnections.dataSource("jdbc:clickhouse://127.0.0.1:1/x"))
          .hasMessageContaining("unknown ClickHouse driver");
    } finally {
      System.clearProperty(ClickHouseConnections.DRIVER_PROPERTY);
    }
  }
}

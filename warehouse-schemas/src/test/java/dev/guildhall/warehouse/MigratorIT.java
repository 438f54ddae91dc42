package dev.guildhall.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigratorIT {
  private final ClickHouseEngine ch = Engines.clickhouse();

  /** A database name that does not exist yet: the migrator must create it. */
  private String freshUrl() {
    String probe = ch.createDatabase("migr");
    ch.query("DROP DATABASE " + probe);
    return ch.jdbcUrl(probe);
  }

  @Test
  void createsDatabaseAppliesAllInOrderThenIsIdempotent() {
    String url = freshUrl();
    String db = ClickHouseUrl.parse(url).database();
    List<String> lines = new ArrayList<>();

    List<Migration> shipped = MigrationLoader.fromClasspath();
    Migrator.Result first = new Migrator(url).withProgress(lines::add).migrate();
    assertThat(first.applied()).containsExactlyElementsOf(shipped.stream().map(Migration::id).toList());
    assertThat(first.applied()).startsWith("V001__message_counts_1m", "V002__voice_quality_1m", "V003__alerts",
        "V004__engagement", "V005__member_events");
    assertThat(first.alreadyApplied()).isZero();
    assertThat(lines).anyMatch(l -> l.startsWith("applying V001__message_counts_1m"));
    assertThat(ch.query("SELECT name FROM system.tables WHERE database = '" + db + "' ORDER BY name").split("\n"))
        .contains("daily_active_users", "daily_active_users_mv", "weekly_active_users", "weekly_active_users_mv", "alerts",
            "member_changes_1d", "member_events", "message_counts_1m", "moderation_actions", "schema_migrations",
            "user_activity_1d", "voice_quality_1m", "voice_quality_samples", "voice_quality_channel_1m",
            "voice_quality_channel_1m_input", "voice_quality_channel_1m_mv", "voice_quality_server_1m",
            "voice_quality_server_1m_input", "voice_quality_server_1m_mv", "voice_session_days", "late_events",
            "automod_verdicts");
    assertThat(ch.query("SELECT engine FROM system.tables WHERE database = '" + db + "' AND name = 'message_counts_1m'"))
        .isEqualTo("ReplacingMergeTree\n");
    assertThat(ch.query(db, "SELECT version, name, length(checksum) FROM schema_migrations ORDER BY version"))
        .isEqualTo(String.join("", shipped.stream().map(m -> m.version() + "\t" + m.name() + "\t64\n").toList()));

    Migrator.Result second = new Migrator(url).migrate();
    assertThat(second.applied()).isEmpty();
    assertThat(second.alreadyApplied()).isEqualTo(shipped.size());
    assertThat(ch.query(db, "SELECT count() FROM schema_migrations")).isEqualTo(shipped.size() + "\n");
  }

  @Test
  void appliesOnlyPendingMigrations() {
    String url = freshUrl();
    String db = ClickHouseUrl.parse(url).database();
    List<Migration> shipped = MigrationLoader.fromClasspath();
    new Migrator(url, shipped.subList(0, 1)).migrate();
    assertThat(ch.query(db, "EXISTS TABLE voice_quality_1m")).isEqualTo("0\n");

    Migrator.Result rest = new Migrator(url, shipped).migrate();
    assertThat(rest.applied()).containsExactlyElementsOf(shipped.subList(1, shipped.size()).stream()
        .map(Migration::id).toList());
    assertThat(rest.alreadyApplied()).isEqualTo(1);
  }

  @Test
  void refusesWhenAnAppliedMigrationWasChanged() {
    String url = freshUrl();
    String db = ClickHouseUrl.parse(url).database();
    List<Migration> shipped = MigrationLoader.fromClasspath();
    new Migrator(url, shipped).migrate();

    List<Migration> tampered = new ArrayList<>(shipped);
    Migration v2 = shipped.get(1);
    tampered.set(1, new Migration(v2.version(), v2.name(), v2.sql().replace("jitter_p50_ms Float64,", "")));
    tampered.add(new Migration(4, "never_applied", "CREATE TABLE IF NOT EXISTS never_applied (x UInt8) ENGINE = Memory;"));

    assertThatThrownBy(() -> new Migrator(url, tampered).migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V002__voice_quality_1m was changed after it was applied");
    assertThat(ch.query(db, "EXISTS TABLE never_applied")).as("nothing applied after a refusal").isEqualTo("0\n");
  }

  @Test
  void failingStatementNamesMigrationAndIsNotRecorded() {
    String url = freshUrl();
    String db = ClickHouseUrl.parse(url).database();
    List<Migration> broken = List.of(new Migration(1, "ok", "CREATE TABLE IF NOT EXISTS ok (x UInt8) ENGINE = Memory;"),
        new Migration(2, "broken", "CREATE TABLE IF NOT EXISTS t2 (x UInt8) ENGINE = Memory;\nCREATE TABLE nonsense (;"));
    assertThatThrownBy(() -> new Migrator(url, broken).migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V002__broken failed at statement 2 of 2");
    assertThat(ch.query(db, "SELECT version FROM schema_migrations")).isEqualTo("1\n");
  }
}

package dev.guildhall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresEngineIT {
  private final PostgresEngine pg = Engines.postgres();

  @Test
  void createDatabaseGivesDistinctIsolatedDatabases() throws Exception {
    String a = pg.createDatabase("iso");
    String b = pg.createDatabase("iso");
    assertThat(a).isNotEqualTo(b).startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/iso_");
    try (Connection ca = DriverManager.getConnection(a, pg.user(), pg.password());
         Statement s = ca.createStatement()) {
      s.execute("CREATE TABLE only_in_a (id int)");
    }
    try (Connection cb = DriverManager.getConnection(b, pg.user(), pg.password());
         ResultSet rs = cb.getMetaData().getTables(null, "public", "only_in_a", null)) {
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void roundTripsRowsAndUserCanCreateDatabases() throws Exception {
    String url = pg.createDatabase("roundtrip");
    try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE users (id bigint primary key, name text not null)");
        s.execute("CREATE DATABASE made_by_guildhall_" + System.nanoTime());
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
        ps.setLong(1, 42L);
        ps.setString(2, "ada");
        ps.executeUpdate();
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, current_user FROM users")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(42L);
        assertThat(rs.getString(2)).isEqualTo("ada");
        assertThat(rs.getString(3)).isEqualTo("guildhall");
        assertThat(rs.next()).isFalse();
      }
    }
  }
}

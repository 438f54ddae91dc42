package dev.guildhall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ClickHouseEngineIT {
  private final ClickHouseEngine ch = Engines.clickhouse();

  @Test
  void isSharedAndAnswersPing() throws Exception {
    assertThat(Engines.clickhouse()).isSameAs(ch);
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ch.httpPort() + "/ping")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("Ok.\n");
    assertThat(ch.nativePort()).isNotEqualTo(ch.httpPort()).isPositive();
    assertThat(ch.query("SELECT timezone()").trim()).isIn("UTC", "Etc/UTC");
  }

  @Test
  void createDatabaseGivesDistinctDatabases() {
    String a = ch.createDatabase("iso");
    String b = ch.createDatabase("iso");
    assertThat(a).isNotEqualTo(b);
    ch.query("CREATE TABLE " + a + ".t (x UInt32) ENGINE = MergeTree ORDER BY x");
    assertThat(ch.query("EXISTS TABLE " + a + ".t").trim()).isEqualTo("1");
    assertThat(ch.query("EXISTS TABLE " + b + ".t").trim()).isEqualTo("0");
    assertThat(ch.jdbcUrl(a)).isEqualTo("jdbc:clickhouse://127.0.0.1:" + ch.httpPort() + "/" + a);
  }

  @Test
  void roundTripsRows() {
    String db = ch.createDatabase("roundtrip");
    ch.query("CREATE TABLE " + db + ".m (id UInt64, name String, at DateTime('UTC')) ENGINE = MergeTree ORDER BY id");
    ch.query("INSERT INTO " + db + ".m VALUES (2, 'b', '2026-01-01 00:01:00'), (1, 'a', '2026-01-01 00:00:00')");
    assertThat(ch.query(db, "SELECT id, name, at FROM m ORDER BY id"))
        .isEqualTo("1\ta\t2026-01-01 00:00:00\n2\tb\t2026-01-01 00:01:00\n");
  }

  @Test
  void failingQueryThrowsWithClickHouseErrorText() {
    assertThatThrownBy(() -> ch.query("SELECT * FROM no_such_db_xyz.t"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no_such_db_xyz");
  }
}

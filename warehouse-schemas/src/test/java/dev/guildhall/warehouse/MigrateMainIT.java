package dev.guildhall.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged CLI exactly as docs/runtime-contract.md launches it. */
class MigrateMainIT {
  private final ClickHouseEngine ch = Engines.clickhouse();

  private record Run(int exit, String output) {}

  private static Run launch(String url) throws Exception {
    Path module = Path.of(System.getProperty("guildhall.repo.dir", ".."), "warehouse-schemas").toAbsolutePath();
    Path target = module.resolve("target");
    assertThat(target.resolve("warehouse-schemas.jar")).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
        "-cp", target.resolve("warehouse-schemas.jar") + ":" + target.resolve("lib") + "/*",
        "dev.guildhall.warehouse.MigrateMain")).redirectErrorStream(true);
    pb.environment().put("GUILDHALL_CLICKHOUSE_URL", url);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void migratesThenRerunsCleanly() throws Exception {
    String db = ch.createDatabase("cli");
    ch.query("DROP DATABASE " + db);
    Run first = launch(ch.jdbcUrl(db));
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("applying V001__message_counts_1m", "applied V003__alerts",
        "database " + db + " is up to date");
    Run second = launch(ch.jdbcUrl(db));
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).contains("0 migration(s) applied, " + MigrationLoader.fromClasspath().size()
        + " already applied");
  }

  @Test
  void failsWithNonZeroExitOnUnreachableServerAndBadUrl() throws Exception {
    Run down = launch("jdbc:clickhouse://127.0.0.1:" + FreePorts.next() + "/guildhall");
    assertThat(down.exit()).as(down.output()).isEqualTo(1);
    assertThat(down.output()).contains("FAILED");
    Run bad = launch("postgres://nope");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.output()).contains("bad GUILDHALL_CLICKHOUSE_URL");
  }
}

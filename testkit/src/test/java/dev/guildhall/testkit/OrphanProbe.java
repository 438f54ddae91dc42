package dev.guildhall.testkit;

import java.util.concurrent.CompletableFuture;

/** Child JVM for {@link OrphanedEngineIT}: starts all three engines in parallel, reports them, then waits to be killed. */
public final class OrphanProbe {
  private OrphanProbe() {}

  public static void main(String[] args) throws Exception {
    CompletableFuture<Void> ch = CompletableFuture.runAsync(() -> {
      ClickHouseEngine e = Engines.clickhouse();
      report(e.pid(), e.httpPort());
    });
    CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
      PostgresEngine e = Engines.postgres();
      report(e.pid(), e.port());
    });
    CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> {
      KafkaEngine e = Engines.kafka();
      report(e.pid(), Integer.parseInt(e.bootstrapServers().substring(e.bootstrapServers().lastIndexOf(':') + 1)));
    });
    CompletableFuture.allOf(ch, pg, kafka).get();
    Thread.sleep(120_000);
  }

  private static synchronized void report(long pid, int port) {
    System.out.println("PROBE pid=" + pid + " port=" + port);
    System.out.flush();
  }
}

package dev.guildhall.testkit;

/** Child JVM for {@link OrphanedEngineIT}: starts ClickHouse and PostgreSQL, reports it, then waits to be killed. */
public final class OrphanProbe {
  private OrphanProbe() {}

  public static void main(String[] args) throws Exception {
    ClickHouseEngine ch = Engines.clickhouse();
    System.out.println("PROBE pid=" + ch.pid() + " port=" + ch.httpPort());
    PostgresEngine pg = Engines.postgres();
    System.out.println("PROBE pid=" + pg.pid() + " port=" + pg.port());
    System.out.flush();
    Thread.sleep(120_000);
  }
}

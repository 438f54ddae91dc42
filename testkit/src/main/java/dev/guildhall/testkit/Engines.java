package dev.guildhall.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engines shared by every test of this JVM. Each is started lazily on first use, on free ports in a
 * temporary directory, and stopped at JVM exit (shutdown hook); a watchdog process also stops it if this
 * JVM is killed with -9.
 */
public final class Engines {
  private static final Lazy<LocalPostgres> POSTGRES = new Lazy<>("PostgreSQL", LocalPostgres::start);
  private static final Lazy<LocalClickHouse> CLICKHOUSE = new Lazy<>("ClickHouse", LocalClickHouse::start);
  private static final Lazy<LocalKafka> KAFKA = new Lazy<>("Kafka", LocalKafka::start);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Engines::stopAll, "guildhall-testkit-shutdown"));
  }

  private Engines() {}

  /** Loads this class, which registers the shutdown hook (used by {@link ServiceProcess}). */
  static void registerShutdownHook() {
    // the static initializer did the work
  }

  public static PostgresEngine postgres() {
    return POSTGRES.get();
  }

  public static ClickHouseEngine clickhouse() {
    return CLICKHOUSE.get();
  }

  public static KafkaEngine kafka() {
    return KAFKA.get();
  }

  /** Stops services still open and every started engine, in parallel. Runs at JVM exit. */
  static void stopAll() {
    ServiceProcess.closeAllOpen();
    List<Thread> stoppers = new ArrayList<>();
    for (Lazy<? extends StoppableEngine> lazy : List.of(KAFKA, CLICKHOUSE, POSTGRES)) {
      StoppableEngine engine = lazy.startedOrNull();
      if (engine != null) {
        Thread t = new Thread(engine::stop, "stop-" + lazy.name);
        t.start();
        stoppers.add(t);
      }
    }
    for (Thread t : stoppers) {
      try {
        t.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  interface StoppableEngine {
    void stop();
  }

  /** Starts once; a failed start is remembered so later callers fail fast with the same cause. */
  private static final class Lazy<T extends StoppableEngine> {
    private final String name;
    private final Supplier<T> starter;
    private T value;
    private RuntimeException failure;

    Lazy(String name, Supplier<T> starter) {
      this.name = name;
      this.starter = starter;
    }

    synchronized T get() {
      if (value != null) {
        return value;
      }
      if (failure != null) {
        throw new IllegalStateException(name + " failed to start earlier in this JVM: " + failure.getMessage(), failure);
      }
      try {
        value = starter.get();
        return value;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }

    synchronized T startedOrNull() {
      return value;
    }
  }
}

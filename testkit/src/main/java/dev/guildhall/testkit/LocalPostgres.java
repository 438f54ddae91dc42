package dev.guildhall.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's PostgreSQL 15 binaries: initdb into a temporary directory, postmaster on a free port with trust auth
 * on 127.0.0.1, fsync off, the unix socket inside the temp dir. As root, runs as the {@code postgres} OS user
 * (initdb refuses root) via {@code setpriv}, which execs, so the process we hold is the postmaster itself.
 */
final class LocalPostgres implements PostgresEngine, Engines.StoppableEngine {
  private static final String BIN = "/usr/lib/postgresql/15/bin";
  private static final String USER = "guildhall";
  private static final String PASSWORD = "guildhall";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final ChildProcess process;

  private LocalPostgres(Path dir, int port, ChildProcess process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static LocalPostgres start() {
    if (!Files.isExecutable(Path.of(BIN, "postgres")) || !Files.isExecutable(Path.of(BIN, "initdb"))) {
      throw new IllegalStateException("PostgreSQL 15 binaries not found in " + BIN
          + ": run ./guildhall deps (or apt-get install postgresql)");
    }
    boolean root = TempDirs.currentUid() == 0;
    Path dir = TempDirs.create("postgres");
    long t0 = System.nanoTime();
    try {
      if (root) {
        chownToPostgres(dir);
      }
      Path data = dir.resolve("data");
      Path sockets = dir.resolve("sockets");
      ChildProcess.runToCompletion("initdb", asPostgres(root, List.of(BIN + "/initdb", "-D", data.toString(),
              "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")),
          dir, dir.resolve("initdb.log"), Duration.ofSeconds(120));
      if (root) {
        Files.createDirectories(sockets);
        chownToPostgres(sockets);
      } else {
        Files.createDirectories(sockets);
      }
      IllegalStateException last = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        int port = FreePorts.next();
        Progress.line("starting PostgreSQL on port " + port + " in " + dir + " ...");
        List<String> cmd = asPostgres(root, List.of(BIN + "/postgres", "-D", data.toString(),
            "-p", Integer.toString(port), "-k", sockets.toString(),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB",
            "-c", "log_min_messages=warning", "-c", "timezone=UTC"));
        ChildProcess process = ChildProcess.start("postgres", cmd, dir, dir.resolve("postgres.log"), Map.of(),
            "QUIT", dir);
        LocalPostgres engine = new LocalPostgres(dir, port, process);
        try {
          engine.awaitReady(t0);
          engine.psql("postgres", "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
          Progress.line("PostgreSQL on port " + port + " ready in " + Progress.seconds(t0));
          return engine;
        } catch (IllegalStateException e) {
          last = e;
          process.stop(Duration.ofSeconds(5));
          Progress.line("PostgreSQL attempt " + attempt + " failed: " + e.getMessage());
        }
      }
      throw last;
    } catch (IOException e) {
      TempDirs.deleteQuietly(dir);
      throw new UncheckedIOException("cannot prepare PostgreSQL in " + dir, e);
    } catch (RuntimeException e) {
      TempDirs.deleteQuietly(dir);
      throw e;
    }
  }

  private static List<String> asPostgres(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
        "--init-groups", "--reset-env"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void chownToPostgres(Path path) throws IOException {
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName("postgres");
    GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
  }

  private void awaitReady(long t0) {
    long deadline = t0 + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("postgres exited with code " + process.exitCode().orElse(-1)
            + " before it was ready:\n" + process.logTail(20));
      }
      try {
        Process ready = new ProcessBuilder(BIN + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port),
            "-t", "1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (ready.waitFor() == 0) {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run pg_isready", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
      }
      LocalClickHouse.sleep(100);
    }
    throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT + ":\n"
        + process.logTail(20));
  }

  /** Runs one statement with psql as the superuser over TCP (trust auth). */
  private void psql(String database, String sql) {
    ChildProcess.runToCompletion("psql", List.of(BIN + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-d", database, "-c", sql),
        dir, dir.resolve("psql-" + Thread.currentThread().getId() + ".log"), Duration.ofSeconds(60));
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return PASSWORD;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public String createDatabase(String prefix) {
    String name = Names.unique(prefix);
    psql("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  @Override
  public void stop() {
    process.stop(Duration.ofSeconds(15));
    TempDirs.deleteQuietly(dir);
  }
}

package dev.guildhall.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Debian's clickhouse-server (18.16 here) with its own config, data dir and ports. */
final class LocalClickHouse implements ClickHouseEngine, Engines.StoppableEngine {
  private static final List<String> BINARIES = List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int httpPort;
  private final int nativePort;
  private final ChildProcess process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalClickHouse(Path dir, int httpPort, int nativePort, ChildProcess process) {
    this.dir = dir;
    this.httpPort = httpPort;
    this.nativePort = nativePort;
    this.process = process;
  }

  static LocalClickHouse start() {
    String binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst()
        .orElseThrow(() -> new IllegalStateException("clickhouse-server not found (looked in " + BINARIES
            + "): run ./guildhall deps (or apt-get install clickhouse-server)"));
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path dir = TempDirs.create("clickhouse");
      int httpPort = FreePorts.next();
      int nativePort = FreePorts.next();
      long t0 = System.nanoTime();
      Progress.line("starting ClickHouse on port " + httpPort + " (native " + nativePort + ") in " + dir + " ...");
      try {
        writeConfig(dir, httpPort, nativePort);
        ChildProcess process = ChildProcess.start("clickhouse-server",
            List.of(binary, "--config-file=" + dir.resolve("config.xml")), dir, dir.resolve("log/stdout.log"),
            Map.of(), "TERM", dir);
        LocalClickHouse engine = new LocalClickHouse(dir, httpPort, nativePort, process);
        engine.awaitReady(t0);
        Progress.line("ClickHouse on port " + httpPort + " ready in " + Progress.seconds(t0));
        return engine;
      } catch (IllegalStateException e) {
        last = e;
        Progress.line("ClickHouse attempt " + attempt + " failed: " + e.getMessage());
      }
    }
    throw last;
  }

  private void awaitReady(long t0) {
    long deadline = t0 + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String tail = process.logTail(20) + "\n" + ChildProcess.tail(dir.resolve("log/server.err.log"), 20);
        TempDirs.deleteQuietly(dir);
        throw new IllegalStateException("clickhouse-server exited with code " + process.exitCode().orElse(-1)
            + " before it was ready:\n" + tail);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ping"))
            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().startsWith("Ok.")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
      }
      sleep(100);
    }
    process.stop(Duration.ofSeconds(5));
    String tail = ChildProcess.tail(dir.resolve("log/server.err.log"), 20);
    TempDirs.deleteQuietly(dir);
    throw new IllegalStateException("ClickHouse did not answer /ping within " + START_TIMEOUT + ":\n" + tail);
  }

  private static void writeConfig(Path dir, int httpPort, int nativePort) {
    String d = dir.toAbsolutePath().toString();
    String config = """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>information</level>
            <log>%1$s/log/server.log</log>
            <errorlog>%1$s/log/server.err.log</errorlog>
            <size>50M</size>
            <count>1</count>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <max_connections>256</max_connections>
          <keep_alive_timeout>60</keep_alive_timeout>
          <max_concurrent_queries>64</max_concurrent_queries>
          <uncompressed_cache_size>67108864</uncompressed_cache_size>
          <mark_cache_size>67108864</mark_cache_size>
          <max_server_memory_usage>1073741824</max_server_memory_usage>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <users_config>users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <timezone>UTC</timezone>
          <mlock_executable>false</mlock_executable>
          <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
          <max_session_timeout>3600</max_session_timeout>
          <default_session_timeout>60</default_session_timeout>
        </yandex>
        """.formatted(d, httpPort, nativePort);
    String users = """
        <?xml version="1.0"?>
        <yandex>
          <profiles>
            <default>
              <max_memory_usage>1000000000</max_memory_usage>
              <load_balancing>random</load_balancing>
            </default>
          </profiles>
          <users>
            <default>
              <password></password>
              <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <quotas>
            <default>
              <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
              </interval>
            </default>
          </quotas>
        </yandex>
        """;
    try {
      for (String sub : List.of("log", "data", "tmp", "user_files", "format_schemas")) {
        Files.createDirectories(dir.resolve(sub));
      }
      Files.writeString(dir.resolve("config.xml"), config);
      Files.writeString(dir.resolve("users.xml"), users);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ClickHouse config into " + dir, e);
    }
  }

  @Override
  public int httpPort() {
    return httpPort;
  }

  @Override
  public int nativePort() {
    return nativePort;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public String createDatabase(String prefix) {
    String name = Names.unique(prefix);
    query("CREATE DATABASE " + name);
    return name;
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:clickhouse://127.0.0.1:" + httpPort + "/" + database;
  }

  @Override
  public String query(String sql) {
    return send("http://127.0.0.1:" + httpPort + "/", sql);
  }

  @Override
  public String query(String database, String sql) {
    return send("http://127.0.0.1:" + httpPort + "/?database=" + URLEncoder.encode(database, StandardCharsets.UTF_8), sql);
  }

  private String send(String url, String sql) {
    try {
      return sendOnce(url, sql);
    } catch (UncheckedIOException e) {
      // A pooled keep-alive connection that the server closed just before reuse fails without a response:
      // the request never reached ClickHouse, so one retry on a fresh connection is safe.
      return sendOnce(url, sql);
    }
  }

  private String sendOnce(String url, String sql) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(120))
              .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse query failed (HTTP " + r.statusCode() + "): " + r.body().trim()
            + "\nquery: " + sql);
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException("ClickHouse on port " + httpPort + " unreachable for query: " + sql, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during ClickHouse query", e);
    }
  }

  @Override
  public void stop() {
    process.stop(Duration.ofSeconds(15));
    TempDirs.deleteQuietly(dir);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package dev.guildhall.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Guildhall service started as its own JVM exactly as docs/runtime-contract.md launches it:
 * {@code java -Xmx<xmx> -Duser.timezone=UTC -Dfile.encoding=UTF-8 -cp "<repo>/<module>/target/<module>.jar:<repo>/<module>/target/lib/*" <mainClass>},
 * from the repository root, with the given environment added. Output goes to
 * {@code <repo>/<module>/target/service-logs/<module>-<timestamp>.log}. A watchdog kills it if the test JVM dies;
 * services still open at JVM exit are closed by the testkit's shutdown hook.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Set<ServiceProcess> OPEN = ConcurrentHashMap.newKeySet();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  static {
    Engines.registerShutdownHook();
  }

  private final String module;
  private final ChildProcess process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceProcess(String module, ChildProcess process) {
    this.module = module;
    this.process = process;
  }

  /** {@code java -Xmx.. -cp "<module>.jar:lib/*" mainClass}; {@code xmx} like "512m" (or "-Xmx512m"). */
  public static ServiceProcess start(String module, String mainClass, String xmx, Map<String, String> env) {
    return start(repoDir(), module, mainClass, xmx, env);
  }

  static ServiceProcess start(Path repo, String module, String mainClass, String xmx, Map<String, String> env) {
    Path target = repo.resolve(module).resolve("target");
    Path jar = target.resolve(module + ".jar");
    requireFile(jar, module);
    String classpath = jar + ":" + target.resolve("lib") + "/*";
    List<String> cmd = new ArrayList<>(jvmPrefix(xmx));
    cmd.addAll(List.of("-cp", classpath, mainClass));
    return launch(module, repo, cmd, env);
  }

  /** {@code java -Xmx.. -jar <jarPath>}; a relative jarPath is resolved against the repository root. */
  public static ServiceProcess startJar(String module, String jarPath, String xmx, Map<String, String> env) {
    return startJar(repoDir(), module, jarPath, xmx, env);
  }

  static ServiceProcess startJar(Path repo, String module, String jarPath, String xmx, Map<String, String> env) {
    Path jar = repo.resolve(jarPath);
    requireFile(jar, module);
    List<String> cmd = new ArrayList<>(jvmPrefix(xmx));
    cmd.addAll(List.of("-jar", jar.toString()));
    return launch(module, repo, cmd, env);
  }

  private static List<String> jvmPrefix(String xmx) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String heap = xmx.startsWith("-Xmx") ? xmx : "-Xmx" + xmx;
    return List.of(java, heap, "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8");
  }

  private static void requireFile(Path jar, String module) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: package the module first (mvn -pl " + module
          + " package -DskipTests)");
    }
  }

  private static ServiceProcess launch(String module, Path repo, List<String> cmd, Map<String, String> env) {
    Path log = repo.resolve(module).resolve("target/service-logs")
        .resolve(module + "-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + ".log");
    ChildProcess child = ChildProcess.start(module, cmd, repo, log, env, "TERM", null);
    Progress.line("started " + module + " (pid " + child.pid() + "), log " + log);
    ServiceProcess service = new ServiceProcess(module, child);
    OPEN.add(service);
    return service;
  }

  /** The repository root: system property guildhall.repo.dir, else the nearest parent of user.dir holding docs/runtime-contract.md. */
  public static Path repoDir() {
    String configured = System.getProperty("guildhall.repo.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/runtime-contract.md"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root unknown: set -Dguildhall.repo.dir (the root pom does for tests)");
  }

  /** Polls {@code healthUrl} until it answers 200; fails with the log tail if the process exits or the timeout passes. */
  public ServiceProcess awaitHealthy(String healthUrl, Duration timeout) {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited with code " + process.exitCode().orElse(-1)
            + " before " + healthUrl + " answered 200; last log lines (" + process.logFile() + "):\n" + logTail(40));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(3))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          Progress.line(module + " healthy in " + Progress.seconds(t0));
          return this;
        }
        lastProblem = "HTTP " + r.statusCode() + " " + r.body();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + module, e);
      }
      LocalClickHouse.sleep(250);
    }
    throw new IllegalStateException(module + " not healthy at " + healthUrl + " within " + timeout + " (last: "
        + lastProblem + "); last log lines (" + process.logFile() + "):\n" + logTail(40));
  }

  /** SIGKILL, as a crash would; waits until the process is gone. */
  public void kill9() {
    process.kill9();
    OPEN.remove(this);
  }

  /** SIGTERM, then SIGKILL after 15 s; always reaps. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(15));
    OPEN.remove(this);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return process.logFile();
  }

  public String logTail(int lines) {
    return process.logTail(lines);
  }

  static void closeAllOpen() {
    for (ServiceProcess s : List.copyOf(OPEN)) {
      s.close();
    }
  }
}

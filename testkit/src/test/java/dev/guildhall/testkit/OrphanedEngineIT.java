package dev.guildhall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engines of a JVM killed with -9 (no shutdown hook runs) must be stopped by their watchdogs. */
class OrphanedEngineIT {
  @Test
  void enginesDieWithTheirOwnerJvm() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process owner = new ProcessBuilder(List.of(java, "-Xmx128m", "-Duser.timezone=UTC", "-cp", cp,
        OrphanProbe.class.getName())).redirectErrorStream(true).start();
    List<long[]> engines = new ArrayList<>(); // {pid, port}
    List<Path> dirs = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      Pattern probe = Pattern.compile("PROBE pid=(\\d+) port=(\\d+)");
      Pattern dir = Pattern.compile(" in (/\\S+guildhall-\\S+) \\.\\.\\.");
      String line;
      while (engines.size() < 3 && (line = out.readLine()) != null) {
        System.out.println("[probe] " + line);
        Matcher m = probe.matcher(line);
        if (m.find()) {
          engines.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        Matcher d = dir.matcher(line);
        if (d.find()) {
          dirs.add(Path.of(d.group(1)));
        }
      }
      assertThat(engines).as("probe reported ClickHouse, PostgreSQL and Kafka").hasSize(3);
      for (long[] e : engines) {
        assertThat(alive(e[0])).isTrue();
        assertThat(listening((int) e[1])).isTrue();
      }
      assertThat(dirs).hasSize(3).allMatch(Files::isDirectory);

      owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (engines.stream().anyMatch(e -> alive(e[0])) || dirs.stream().anyMatch(Files::exists)) {
        if (System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(200);
      }
      for (long[] e : engines) {
        assertThat(alive(e[0])).as("engine pid %d still alive after its owner died", e[0]).isFalse();
        assertThat(listening((int) e[1])).isFalse();
      }
      assertThat(dirs).as("temp dirs removed by the watchdogs").noneMatch(Files::exists);
    } finally {
      owner.destroyForcibly();
      for (long[] e : engines) {
        ProcessHandle.of(e[0]).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** Alive and not a zombie. */
  private static boolean alive(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}

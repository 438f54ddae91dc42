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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine of a JVM killed with -9 (no shutdown hook) must be stopped by its watchdog. */
class OrphanedEngineIT {
  @Test
  void engineDiesWithItsOwnerJvm() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process owner = new ProcessBuilder(List.of(java, "-Xmx128m", "-Duser.timezone=UTC", "-cp", cp,
        OrphanProbe.class.getName())).redirectErrorStream(true).start();
    long enginePid = -1;
    int port = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      Pattern probe = Pattern.compile("PROBE pid=(\\d+) port=(\\d+)");
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("[probe] " + line);
        Matcher m = probe.matcher(line);
        if (m.find()) {
          enginePid = Long.parseLong(m.group(1));
          port = Integer.parseInt(m.group(2));
          break;
        }
      }
      assertThat(enginePid).as("probe reported its engine").isPositive();
      assertThat(alive(enginePid)).isTrue();
      assertThat(listening(port)).isTrue();

      owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (alive(enginePid) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(alive(enginePid)).as("engine pid %d still alive after its owner died", enginePid).isFalse();
      assertThat(listening(port)).isFalse();
    } finally {
      owner.destroyForcibly();
      if (enginePid > 0) {
        ProcessHandle.of(enginePid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** Alive and not a zombie. */
  private static boolean alive(long pid) {
    Path status = Path.of("/proc/" + pid + "/status");
    try {
      return Files.readAllLines(status).stream().noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
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

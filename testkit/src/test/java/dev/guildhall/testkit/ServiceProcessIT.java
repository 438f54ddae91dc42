package dev.guildhall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceProcess against a fake repository holding a module "probe" (target/probe.jar + target/lib/). */
class ServiceProcessIT {
  @TempDir
  static Path repo;

  @BeforeAll
  static void packageFakeModule() throws IOException {
    Path target = repo.resolve("probe/target");
    Files.createDirectories(target.resolve("lib"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HealthProbeMain.class.getName());
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("probe.jar")), manifest)) {
      String entry = HealthProbeMain.class.getName().replace('.', '/') + ".class";
      jar.putNextEntry(new JarEntry(entry));
      try (var in = HealthProbeMain.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(jar);
      }
      jar.closeEntry();
    }
  }

  @Test
  void startsLikeTheContractAwaitsHealthAndKills9() {
    int port = FreePorts.next();
    try (ServiceProcess s = ServiceProcess.start(repo, "probe", HealthProbeMain.class.getName(), "64m",
        Map.of("PROBE_PORT", Integer.toString(port), "PROBE_DELAY_MS", "700"))) {
      s.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(30));
      assertThat(s.isAlive()).isTrue();
      assertThat(ProcessHandle.of(s.pid()).flatMap(h -> h.info().arguments()).orElseThrow())
          .contains("-Xmx64m", "-Duser.timezone=UTC", "dev.guildhall.testkit.HealthProbeMain");
      assertThat(s.logFile()).startsWith(repo.resolve("probe/target/service-logs"));
      assertThat(s.logTail(5)).contains("probe healthy", "timezone=UTC");
      s.kill9();
      assertThat(s.isAlive()).isFalse();
      assertThat(ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void startJarAndGracefulClose() {
    int port = FreePorts.next();
    ServiceProcess s = ServiceProcess.startJar(repo, "probe", "probe/target/probe.jar", "64m",
        Map.of("PROBE_PORT", Integer.toString(port)));
    s.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(30));
    s.close();
    assertThat(s.isAlive()).isFalse();
  }

  @Test
  void awaitHealthyFailsWithLogTailWhenTheServiceExits() {
    try (ServiceProcess s = ServiceProcess.start(repo, "probe", HealthProbeMain.class.getName(), "64m",
        Map.of("PROBE_FAIL", "1", "PROBE_PORT", "1"))) {
      assertThatThrownBy(() -> s.awaitHealthy("http://127.0.0.1:1/health", Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code 3")
          .hasMessageContaining("boom: configured to fail");
    }
  }

  @Test
  void awaitHealthyTimesOutWithLogTail() {
    int port = FreePorts.next();
    try (ServiceProcess s = ServiceProcess.start(repo, "probe", HealthProbeMain.class.getName(), "64m",
        Map.of("PROBE_PORT", Integer.toString(port), "PROBE_DELAY_MS", "60000"))) {
      assertThatThrownBy(() -> s.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(2)))
          .hasMessageContaining("not healthy")
          .hasMessageContaining("probe starting");
    }
  }

  @Test
  void missingJarIsAClearError() {
    assertThatThrownBy(() -> ServiceProcess.start(repo, "nothing-here", "x.Main", "64m", Map.of()))
        .hasMessageContaining("package the module first");
  }

}

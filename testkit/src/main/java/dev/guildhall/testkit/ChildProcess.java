package dev.guildhall.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process (engine or service) whose output goes to a file, paired with a {@code sh} watchdog that
 * stops it when this JVM disappears (even after {@code kill -9}, when no shutdown hook runs).
 */
final class ChildProcess {
  /**
   * $1 parent pid, $2 child pid, $3 stop signal, $4 directory to remove after an orphaned child is gone (may be empty).
   * A zombie counts as gone.
   */
  private static final String WATCHDOG = String.join("\n",
      "alive() { [ -r /proc/$1/status ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status 2>/dev/null; }",
      "P=$1; C=$2; SIG=$3; DIR=$4",
      "while [ -d /proc/$P ] && alive $C; do sleep 1; done",
      "if [ ! -d /proc/$P ]; then",
      "  kill -$SIG $C 2>/dev/null",
      "  i=0; while alive $C && [ $i -lt 30 ]; do sleep 0.5; i=$((i+1)); done",
      "  kill -KILL $C 2>/dev/null",
      "  if [ -n \"$DIR\" ]; then sleep 0.5; rm -rf \"$DIR\"; fi",
      "fi");

  private final String name;
  private final Process process;
  private final Process watchdog;
  private final Path logFile;
  private final String stopSignal;

  private ChildProcess(String name, Process process, Process watchdog, Path logFile, String stopSignal) {
    this.name = name;
    this.process = process;
    this.watchdog = watchdog;
    this.logFile = logFile;
    this.stopSignal = stopSignal;
  }

  /**
   * @param stopSignal signal name for a graceful stop (TERM, INT, QUIT)
   * @param orphanCleanupDir removed by the watchdog after the child is stopped because this JVM died (null: none)
   */
  static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
      Map<String, String> env, String stopSignal, Path orphanCleanupDir) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      // a developer's shell may export GUILDHALL_* settings (ports, dirs, SLOs): a test's service gets only the
      // ones the test chose, so results never depend on who ran them
      builder.environment().keySet().removeIf(k -> k.startsWith("GUILDHALL_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      Process watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, "guildhall-watchdog",
          Long.toString(ProcessHandle.current().pid()), Long.toString(process.pid()), stopSignal,
          orphanCleanupDir == null ? "" : orphanCleanupDir.toAbsolutePath().toString())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return new ChildProcess(name, process, watchdog, logFile, stopSignal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** Runs a short-lived command to completion, output to logFile; fails with the log tail on a non-zero exit. */
  static void runToCompletion(String name, List<String> command, Path workDir, Path logFile, Duration timeout) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(name + " did not finish within " + timeout + "; log " + logFile
            + ":\n" + tail(logFile, 30));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "; log "
            + logFile + ":\n" + tail(logFile, 30));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + name + ": " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  Path logFile() {
    return logFile;
  }

  String name() {
    return name;
  }

  String logTail(int lines) {
    return tail(logFile, lines);
  }

  /** Graceful stop with the configured signal, then SIGKILL after {@code grace}; always reaps the process. */
  void stop(Duration grace) {
    try {
      if (process.isAlive()) {
        signal(stopSignal);
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      }
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      stopWatchdog();
    }
  }

  /** SIGKILL, waits until reaped. */
  void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopWatchdog();
    }
  }

  private void stopWatchdog() {
    watchdog.destroy();
    try {
      watchdog.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal) {
    if ("TERM".equals(signal)) {
      process.destroy();
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }

  /** The last {@code lines} lines of a file (reads at most its last 256 KiB). */
  static String tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long start = Math.max(0, length - 256 * 1024);
      byte[] bytes = new byte[(int) (length - start)];
      raf.seek(start);
      raf.readFully(bytes);
      List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return String.join("\n", last);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}

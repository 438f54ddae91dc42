package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The repository's {@code ./guildhall} launcher, run as a user runs it, on an isolated var directory
 * ({@code GUILDHALL_VAR_DIR}) and free ports, limited to ClickHouse, Kafka and stream-analytics
 * ({@code GUILDHALL_COMPONENTS}) and using the jars the build made ({@code GUILDHALL_SKIP_BUILD=1}). Its output is
 * echoed as progress. {@link #close()} runs {@code ./guildhall down}.
 */
final class Launcher implements AutoCloseable {
    static final String COMPONENTS = "clickhouse kafka stream-analytics";

    private final Path repo = ServiceProcess.repoDir();
    private final Path varDir;
    final int clickhouseHttpPort = FreePorts.next();
    final int kafkaPort = FreePorts.next();
    final int analyticsMetricsPort = FreePorts.next();
    private final int clickhouseTcpPort = FreePorts.next();
    private final int kafkaControllerPort = FreePorts.next();
    private final Thread downAtExit = new Thread(this::downQuietly, "guildhall-down");

    /**
     * A fresh var directory: a previous run's leftovers (a killed test JVM) are stopped and removed first. The Kafka
     * broker jars the launcher resolved into {@code kafka/lib} are kept, so a rerun does not resolve them again.
     */
    Launcher(Path varDir) {
        this.varDir = varDir.toAbsolutePath();
        if (hasPidFiles(this.varDir.resolve("run"))) {
            downQuietly();
        }
        deleteTree(this.varDir, Set.of(this.varDir.resolve("kafka/lib"), this.varDir.resolve("kafka/lib.stamp")));
        Runtime.getRuntime().addShutdownHook(downAtExit);
    }

    /** {@code ./guildhall demo}: starts whatever of the components is not running, waits until all are healthy. */
    void demo() {
        run("demo");
    }

    /** {@code ./guildhall down NAME}: stops one component (SIGTERM to its process group, SIGKILL after 30 s). */
    void down(String component) {
        run("down", component);
    }

    /** The pid the launcher recorded for a component. */
    long pid(String component) {
        try {
            return Long.parseLong(Files.readString(varDir.resolve("run/" + component + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file for " + component + " in " + varDir, e);
        }
    }

    Path checkpointDir() {
        return varDir.resolve("flink-checkpoints");
    }

    /** The component's log since its last start by the launcher. */
    String logSinceLastLaunch(String component) {
        try {
            String log = Files.readString(varDir.resolve("log/" + component + ".log"));
            int last = log.lastIndexOf("guildhall launch:");
            return last < 0 ? log : log.substring(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private void run(String... args) {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("bash", repo.resolve("guildhall").toString()),
                Stream.of(args)).toList()).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GUILDHALL_VAR_DIR", varDir.toString());
        env.put("GUILDHALL_COMPONENTS", COMPONENTS);
        env.put("GUILDHALL_SKIP_BUILD", "1");
        env.put("GUILDHALL_HEALTH_TIMEOUT", "180");
        env.put("GUILDHALL_CLICKHOUSE_HTTP_PORT", Integer.toString(clickhouseHttpPort));
        env.put("GUILDHALL_CLICKHOUSE_TCP_PORT", Integer.toString(clickhouseTcpPort));
        env.put("GUILDHALL_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("GUILDHALL_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaControllerPort));
        env.put("GUILDHALL_ANALYTICS_METRICS_PORT", Integer.toString(analyticsMetricsPort));
        Deque<String> tail = new ArrayDeque<>();
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        System.out.println("    | " + line);
                    }
                    tail.addLast(line);
                    if (tail.size() > 60) {
                        tail.removeFirst();
                    }
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("./guildhall " + String.join(" ", args) + " did not finish in 5 min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("./guildhall " + String.join(" ", args) + " exited with " + p.exitValue()
                        + " (logs in " + varDir.resolve("log") + "):\n" + String.join("\n", tail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./guildhall " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./guildhall", e);
        }
    }

    private void downQuietly() {
        try {
            run("down");
        } catch (RuntimeException e) {
            System.err.println("./guildhall down failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        downQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(downAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private static boolean hasPidFiles(Path runDir) {
        try (Stream<Path> files = Files.list(runDir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".pid"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes {@code dir} except the paths in {@code keep} (and their contents and parents). */
    private static void deleteTree(Path dir, Set<Path> keep) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (keep.stream().noneMatch(k -> p.startsWith(k) || k.startsWith(p))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}

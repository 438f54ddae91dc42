package dev.guildhall.analytics;

import dev.guildhall.testkit.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster (one JobManager, one TaskManager, each its own JVM) started from the Maven jars
 * of Flink alone (the module's {@code provided} dependencies, written to target/flink-cluster.classpath), plus the
 * {@code flink run} client ({@code CliFrontend}). Every JVM runs under a small shell wrapper that kills it when the
 * test JVM's pipe closes, so nothing outlives the test even after a kill -9 of the test JVM.
 */
final class FlinkStandaloneCluster implements AutoCloseable {
    static final List<String> ADD_OPENS = List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED");

    private final Path dir;
    private final String classpath;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    FlinkStandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        Path target = Path.of("target");
        String flink = Files.readString(target.resolve("flink-cluster.classpath")).trim();
        // what flink-dist also carries: commons-lang3 (Maven resolves it as compile here) and a logging backend
        List<String> extra = new ArrayList<>();
        try (Stream<Path> lib = Files.list(target.resolve("lib"))) {
            lib.map(p -> p.toAbsolutePath().toString())
                    .filter(p -> p.matches(".*/(commons-lang3|slf4j-api|logback-classic|logback-core)-[0-9].*\\.jar"))
                    .forEach(extra::add);
        }
        this.classpath = flink + ":" + String.join(":", extra);
        this.restPort = FreePorts.next();
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/config.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + FreePorts.next(),
                "jobmanager.bind-host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "blob.server.port: " + FreePorts.next(),
                "taskmanager.rpc.port: " + FreePorts.next(),
                "taskmanager.data.port: " + FreePorts.next(),
                "jobmanager.memory.process.size: 640m",
                "taskmanager.numberOfTaskSlots: 2",
                "taskmanager.cpu.cores: 2",
                "taskmanager.memory.task.heap.size: 256m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 64m",
                "taskmanager.memory.jvm-overhead.max: 64m",
                "parallelism.default: 1",
                ""));
        Files.writeString(dir.resolve("conf/logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.flink" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    void start() throws Exception {
        processes.add(java("jobmanager", "512m", Map.of(),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir", conf()));
        processes.add(java("taskmanager", "640m", Map.of(),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String overview = getOrNull("/overview");
            if (overview != null && overview.contains("\"taskmanagers\":1")) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Flink cluster process exited; logs in " + dir);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Flink cluster not up within 90 s; logs in " + dir);
    }

    /** {@code flink run <args>} with the given environment; returns its exit code (output in run.log). */
    int run(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        Map<String, String> withConf = new java.util.HashMap<>(env);
        withConf.put("FLINK_CONF_DIR", conf());
        Process client = java("run", "256m", withConf, "org.apache.flink.client.cli.CliFrontend",
                all.toArray(String[]::new));
        if (!client.waitFor(120, TimeUnit.SECONDS)) {
            stop(client);
            throw new IllegalStateException("flink run did not finish within 120 s; log " + dir.resolve("run.log"));
        }
        return client.exitValue();
    }

    String getOrNull(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String log(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String conf() {
        return dir.resolve("conf").toString();
    }

    private Process java(String name, String xmx, Map<String, String> env, String main, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                // the JVM in the background; a watcher stops it when stdin (the test JVM's pipe) closes; the
                // wrapper exits with the JVM's exit code
                "exec 3<&0; \"$@\" & child=$!; (while read -r _ <&3; do :; done; kill $child 2>/dev/null) & watcher=$!;"
                        + " wait $child; code=$?; kill $watcher 2>/dev/null; exit $code", name));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + xmx);
        cmd.add("-Duser.timezone=UTC");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Dlogback.configurationFile=" + dir.resolve("conf/logback.xml"));
        cmd.addAll(ADD_OPENS);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process p) {
        try {
            p.getOutputStream().close();   // the wrapper kills its JVM
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Cancels every running job (best effort) and waits up to 30 s until none runs. */
    void cancelJobs() {
        String jobs = getOrNull("/jobs");
        if (jobs == null) {
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\{\"id\":\"([0-9a-f]+)\",\"status\":\"(RUNNING|CREATED|RESTARTING)\"").matcher(jobs);
        while (m.find()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + m.group(1) + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String now = getOrNull("/jobs");
            if (now == null || !now.matches("(?s).*\"(RUNNING|CANCELLING|RESTARTING)\".*")) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        cancelJobs();
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
        processes.clear();
    }
}

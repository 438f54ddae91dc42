package dev.guildhall.bench;

import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.testkit.PostgresEngine;
import dev.guildhall.testkit.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system under test: PostgreSQL and Kafka from the testkit, and core-server as its own JVM (explicit
 * {@code -Xmx}, launched as docs/runtime-contract.md says), so its memory is measured apart from the load generator.
 */
final class BenchServer implements AutoCloseable {
    /**
     * Settings every benchmark changes from the production defaults, with the reason (echoed in the results).
     * Per-route limits stay Discord's (POST /channels/{id}/messages: 5 per 5 s per user and channel).
     */
    static Map<String, String> benchSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        // provisioning registers thousands of accounts from one IP: cheap hashes, no per-IP/global cap
        s.put("auth.bcrypt.cost", "4");
        s.put("ratelimit.global.limit", "1000000");
        s.put("ratelimit.routes", String.join(";",
                "POST /channels/{channel_id}/messages 5/5000",
                "PATCH /channels/{channel_id}/messages/{message_id} 5/5000",
                "DELETE /channels/{channel_id}/messages/{message_id} 5/1000",
                "PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me 1/250",
                "POST /channels/{channel_id}/typing 5/5000",
                "POST /guilds 10/10000",
                "POST /auth/register 1000000/1000",
                "POST /auth/login 1000000/1000"));
        return s;
    }

    private final ServiceProcess process;
    private final String baseUrl;
    private final Map<String, String> settings;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchServer(ServiceProcess process, String baseUrl, Map<String, String> settings, Map<String, String> env) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.env = env;
    }

    /** Engines, a fresh database, then core-server with {@code xmx}; {@code jfrFile} non-null records a flight recording. */
    static BenchServer start(String name, String xmx, Map<String, String> extraSettings, Path jfrFile) {
        long t0 = System.nanoTime();
        PostgresEngine pg = Engines.postgres();
        KafkaEngine kafka = Engines.kafka();
        int port = FreePorts.next();
        Map<String, String> settings = new LinkedHashMap<>(benchSettings());
        settings.putAll(extraSettings);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUILDHALL_BIND_HOST", "127.0.0.1");
        env.put("GUILDHALL_PUBLIC_HOST", "127.0.0.1");
        env.put("GUILDHALL_HTTP_PORT", String.valueOf(port));
        env.put("GUILDHALL_VOICE_UDP_PORT", "0");
        env.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        env.put("GUILDHALL_PG_URL", pg.createDatabase("bench_" + name.replace('-', '_')));
        env.put("GUILDHALL_PG_USER", pg.user());
        env.put("GUILDHALL_PG_PASSWORD", pg.password());
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        settings.forEach((k, v) -> env.put(envName(k), v));
        if (jfrFile != null) {
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrFile);
        }
        Log.line("starting core-server (-Xmx" + xmx + ") on port " + port + (jfrFile == null ? "" : ", JFR to " + jfrFile));
        ServiceProcess p = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", xmx, env);
        String base = "http://127.0.0.1:" + port;
        try {
            p.awaitHealthy(base + "/health", Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        Log.line("engines and core-server ready in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) + " s");
        return new BenchServer(p, base, settings, env);
    }

    /**
     * A gateway node ({@code node.role=gateway}) of this server, on its database, linked to its
     * {@code gateway.link.port} (which the server must have been started with, with {@code gateway.link.enabled}).
     */
    BenchServer gatewayNode(int index, String xmx) {
        int port = FreePorts.next();
        Map<String, String> nodeEnv = new LinkedHashMap<>(env);
        nodeEnv.remove("JAVA_TOOL_OPTIONS");
        nodeEnv.put("GUILDHALL_HTTP_PORT", String.valueOf(port));
        nodeEnv.put(envName("node.role"), "gateway");
        nodeEnv.put(envName("gateway.link.enabled"), "false");
        nodeEnv.put(envName("gateway.link.primary"), "127.0.0.1:" + settings.get("gateway.link.port"));
        nodeEnv.put(envName("node.process.id"), String.valueOf(index));
        Log.line("starting gateway node " + index + " (-Xmx" + xmx + ") on port " + port);
        ServiceProcess p = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", xmx, nodeEnv);
        String base = "http://127.0.0.1:" + port;
        try {
            p.awaitHealthy(base + "/health", Duration.ofSeconds(180)); // healthy once linked to the primary
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        Map<String, String> nodeSettings = new LinkedHashMap<>(settings);
        nodeSettings.put("node.role", "gateway");
        return new BenchServer(p, base, nodeSettings, nodeEnv);
    }

    private static String envName(String key) {
        return "GUILDHALL_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    String baseUrl() {
        return baseUrl;
    }

    String gatewayUrl() {
        return baseUrl.replace("http://", "ws://") + "/gateway?v=10&encoding=json";
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return process.logFile();
    }

    Map<String, String> settings() {
        return settings;
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap"}} from /metrics. */
    long heapUsedBytes() {
        return metricSum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    long metricSum(String name, String labelFilter) {
        String text = get("/metrics");
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFilter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    /** The metric value of the first sample line of {@code name} (no labels needed), or -1. */
    double metric(String name) {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labelFilter}, or -1. */
    double metric(String name, String labelFilter) {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFilter)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private String get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of the server process (VmRSS), in bytes. */
    long rssBytes() {
        return ProcessMemory.rss(process.pid());
    }

    /** CPU time (user + system) the server process used so far, in seconds (from /proc/PID/stat, 100 ticks/s). */
    double cpuSeconds() {
        return procCpuSeconds(Path.of("/proc/" + process.pid() + "/stat"));
    }

    static double procCpuSeconds(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime (fields 14, 15)
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stat, e);
        }
    }

    /** Open file descriptors of the server process (entries of /proc/PID/fd). */
    long openFiles() {
        return countFds(Path.of("/proc/" + process.pid() + "/fd"));
    }

    static long countFds(Path dir) {
        try (var s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /** {@code jcmd <pid> GC.run}: a full collection, so the next heap reading is (close to) the live set. */
    void fullGc() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd GC.run did not finish in 60 s");
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}

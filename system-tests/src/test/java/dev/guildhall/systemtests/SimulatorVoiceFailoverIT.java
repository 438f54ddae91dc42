package dev.guildhall.systemtests;

import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #4, proof "Failover", with the demo community's own voice clients: two voice nodes ({@code VoiceNodeMain},
 * regions eu-west and us-east), core-server with the voice fleet, and the packaged simulator whose voice users talk
 * in one channel (encrypted 20 ms Opus-like frames in talk spurts), each process its own JVM. The simulator's
 * clients are placed on the eu-west node (the fleet's default region); it is killed with SIGKILL. core-server notices
 * (heartbeats stop, its ops port refuses), sends every member a VOICE_SERVER_UPDATE for the us-east node, the
 * simulator's clients reconnect there on their own, and the audio they record (decrypted frames with their
 * mouth-to-ear delay) flows again — all observed from outside through the simulator's and the nodes' /metrics —
 * within 5 s of the kill.
 */
class SimulatorVoiceFailoverIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int VOICE_USERS = 4;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String EU = "sim-voice-eu-west-" + RUN;
    private static final String US = "sim-voice-us-east-" + RUN;
    private static final String SECRET = "sim-failover-" + UUID.randomUUID();
    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess euNode;
    private static String euOps;
    private static String usOps;
    private static String coreUrl;

    /** The nodes and core-server start side by side; then each is awaited healthy. */
    @BeforeAll
    static void start() {
        int euPort = FreePorts.next();
        int usPort = FreePorts.next();
        euNode = startNode(EU, "eu-west", euPort);
        ServiceProcess usNode = startNode(US, "us-east", usPort);
        int httpPort = FreePorts.next();
        coreUrl = "http://127.0.0.1:" + httpPort;
        Map<String, String> env = new HashMap<>();
        env.put("GUILDHALL_HTTP_PORT", String.valueOf(httpPort));
        env.put("GUILDHALL_PG_URL", Engines.postgres().createDatabase("sim_failover"));
        env.put("GUILDHALL_PG_USER", Engines.postgres().user());
        env.put("GUILDHALL_PG_PASSWORD", Engines.postgres().password());
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
        env.put("GUILDHALL_VOICE_UDP_PORT", String.valueOf(FreePorts.next()));
        env.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        env.put("GUILDHALL_PUBLIC_HOST", "127.0.0.1");
        env.put("GUILDHALL_VOICE_FLEET_ENABLED", "true");
        env.put("GUILDHALL_VOICE_FLEET_DEFAULT_REGION", "eu-west");
        env.put("GUILDHALL_VOICE_TOKEN_SECRET", SECRET);
        ServiceProcess core = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "384m", env);
        processes.add(core);
        euOps = "http://127.0.0.1:" + euPort;
        usOps = "http://127.0.0.1:" + usPort;
        euNode.awaitHealthy(euOps + "/health", Duration.ofSeconds(60));
        usNode.awaitHealthy(usOps + "/health", Duration.ofSeconds(60));
        core.awaitHealthy(coreUrl + "/health", Duration.ofSeconds(120));
    }

    /** A voice node as its own JVM with its ops port. */
    private static ServiceProcess startNode(String id, String region, int ops) {
        Map<String, String> env = Map.of(
                "GUILDHALL_VOICE_NODE_ID", id, "GUILDHALL_VOICE_NODE_REGION", region,
                "GUILDHALL_BIND_HOST", "127.0.0.1", "GUILDHALL_VOICE_UDP_PORT", "0",
                "GUILDHALL_VOICE_GATEWAY_PORT", "0", "GUILDHALL_VOICE_NODE_OPS_PORT", Integer.toString(ops),
                "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                "GUILDHALL_VOICE_TOKEN_SECRET", SECRET);
        ServiceProcess p = ServiceProcess.start("core-server", "dev.guildhall.core.voice.node.VoiceNodeMain", "128m",
                env);
        processes.add(p);
        return p;
    }

    @AfterAll
    static void stop() {
        processes.forEach(ServiceProcess::close);
    }

    @Test
    void simulatorClientsFollowTheFailoverAndTheirAudioFlowsAgainWithinFiveSeconds() throws Exception {
        Path state = Files.createTempDirectory("sim-failover").resolve("simulator-state.json");
        // core-server knows both nodes before anyone joins (else the first clients could land on us-east)
        await(coreUrl + "/metrics", "guildhall_voice_fleet_servers_usable", v -> v == 2, Duration.ofSeconds(30));
        int[] metricsPort = new int[1];
        try (ServiceProcess simulator = startSimulator(state, metricsPort)) {
            String sim = "http://127.0.0.1:" + metricsPort[0] + "/metrics";
            await(sim, "guildhall_sim_voice_clients_bound", v -> v == VOICE_USERS, Duration.ofSeconds(60));
            await(euOps + "/metrics", "guildhall_voice_gateway_connections", v -> v == VOICE_USERS,
                    Duration.ofSeconds(30));
            await(sim, "guildhall_sim_voice_packets_received_total", v -> v >= 200, Duration.ofSeconds(60));
            double joins = metric(sim, "guildhall_sim_voice_joins_total");

            long killed = System.nanoTime();
            euNode.kill9();
            // every client got its VOICE_SERVER_UPDATE and is connected again (SESSION_DESCRIPTION from the new node)
            while (metric(sim, "guildhall_sim_voice_joins_total") < joins + VOICE_USERS
                    || metric(sim, "guildhall_sim_voice_clients_bound") < VOICE_USERS) {
                assertThat(System.nanoTime() - killed).as("clients reconnected within 10 s")
                        .isLessThan(10_000_000_000L);
                Thread.sleep(20);
            }
            long reconnected = System.nanoTime();
            double before = metric(sim, "guildhall_sim_voice_packets_received_total");
            double mouthToEarCount = metric(sim, "guildhall_sim_voice_mouth_to_ear_ms_count");
            while (metric(sim, "guildhall_sim_voice_packets_received_total") <= before) {
                assertThat(System.nanoTime() - killed).as("audio again within 10 s").isLessThan(10_000_000_000L);
                Thread.sleep(20);
            }
            long flowing = System.nanoTime();
            long reconnectMs = (reconnected - killed) / 1_000_000;
            long flowingMs = (flowing - killed) / 1_000_000;
            System.out.println("simulator voice failover IT: kill -9 of " + EU + " → " + VOICE_USERS
                    + " simulator clients reconnected after " + reconnectMs + " ms, their audio flows again after "
                    + flowingMs + " ms");
            assertThat(flowingMs).as("kill -9 to the simulator's clients receiving audio again, ms")
                    .isLessThan(5000);
            // on the us-east node now, and what the clients record there is sound audio
            await(usOps + "/metrics", "guildhall_voice_gateway_connections", v -> v == VOICE_USERS,
                    Duration.ofSeconds(5));
            await(sim, "guildhall_sim_voice_mouth_to_ear_ms_count", v -> v >= mouthToEarCount + 200,
                    Duration.ofSeconds(30));
            double received = metric(sim, "guildhall_sim_voice_packets_received_total");
            double lost = metric(sim, "guildhall_sim_voice_packets_lost_total");
            assertThat(lost / (received + lost)).as("recorded loss").isLessThan(0.05);
            assertThat(metric(sim, "guildhall_sim_voice_mouth_to_ear_ms_max")).as("recorded delay, ms")
                    .isBetween(0.0, 1000.0);
            // a frame the node forwards before the client has read its SESSION_DESCRIPTION (the key) cannot be
            // opened, as for any Discord client: at most a few per connection start (25 = half a second of a talker)
            assertThat(metric(sim, "guildhall_sim_voice_packets_undecryptable_total")).as("undecryptable")
                    .isLessThanOrEqualTo(25 * metric(sim, "guildhall_sim_voice_joins_total"));
        }
    }

    /**
     * The packaged simulator with {@link #VOICE_USERS} voice users in one guild; its metrics port goes to
     * {@code port[0]}. A port taken meanwhile by another process's outgoing connection (the OS hands out the same
     * ephemeral range) is retried with another one.
     */
    private static ServiceProcess startSimulator(Path state, int[] port) {
        for (int attempt = 1; ; attempt++) {
            port[0] = FreePorts.next();
            Map<String, String> env = new HashMap<>();
            env.put("GUILDHALL_CORE_URL", coreUrl);
            env.put("GUILDHALL_SIM_USERS", String.valueOf(VOICE_USERS));
            env.put("GUILDHALL_SIM_GUILDS", "1");
            env.put("GUILDHALL_METRICS_PORT", String.valueOf(port[0]));
            env.put("GUILDHALL_SIM_STATE", state.toString());
            env.put("GUILDHALL_SIM_MESSAGE_RATE", "0.5");
            env.put("GUILDHALL_SIM_GATEWAY_USERS", "1");
            env.put("GUILDHALL_SIM_VOICE_USERS", String.valueOf(VOICE_USERS));
            env.put("GUILDHALL_SIM_IMPAIR", "0");
            env.put("GUILDHALL_SIM_RETRY_MS", "500");
            ServiceProcess p = ServiceProcess.start("simulator", "dev.guildhall.simulator.SimulatorMain", "256m", env);
            try {
                return p.awaitHealthy("http://127.0.0.1:" + port[0] + "/health", Duration.ofSeconds(120));
            } catch (IllegalStateException e) {
                p.close();
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** The first sample of a metric (any labels) in a Prometheus text page; NaN when absent or unreachable. */
    private static double metric(String url, String name) throws InterruptedException {
        String body;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            body = r.body();
        } catch (IOException e) {
            return Double.NaN;
        }
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    private static void await(String url, String name, DoublePredicate ok, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = metric(url, name);
            if (!Double.isNaN(last) && ok.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " at " + url + " did not reach the expected value within " + timeout
                + " (last " + last + ")");
    }
}

package dev.guildhall.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged simulator against a real core-server (testkit PostgreSQL + Kafka), both launched as the runtime
 * contract says. Everything is observed from outside: the simulator's /metrics, its state file, and core-server's
 * REST API.
 */
class SimulatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ServiceProcess core;
    private static String coreUrl;

    @BeforeAll
    static void startCoreServer() {
        int httpPort = FreePorts.next();
        coreUrl = "http://127.0.0.1:" + httpPort;
        Map<String, String> env = new HashMap<>();
        env.put("GUILDHALL_HTTP_PORT", String.valueOf(httpPort));
        env.put("GUILDHALL_PG_URL", Engines.postgres().createDatabase("simulator"));
        env.put("GUILDHALL_PG_USER", Engines.postgres().user());
        env.put("GUILDHALL_PG_PASSWORD", Engines.postgres().password());
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
        env.put("GUILDHALL_VOICE_UDP_PORT", String.valueOf(FreePorts.next()));
        env.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        env.put("GUILDHALL_VOICE_REGION", "sim-it");
        env.put("GUILDHALL_VOICE_SERVER_ID", "voice-sim-it");
        env.put("GUILDHALL_PUBLIC_HOST", "127.0.0.1");
        core = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "384m", env)
                .awaitHealthy(coreUrl + "/health", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopCoreServer() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void aSimulatedCommunityChatsHoldsGatewaySessionsAndTalksInVoice(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("simulator-state.json");
        List<String> firstUserIds;
        List<String> firstGuildIds;
        try (Sim sim = Sim.start(state)) {
            // 6 users over 2 guilds, 4 of them in voice (2 per channel): everyone hears someone
            sim.awaitMetric("guildhall_sim_setup_complete", v -> v == 1, Duration.ofSeconds(90));
            sim.awaitMetric("guildhall_sim_messages_sent_total", v -> v >= 10, Duration.ofSeconds(60));
            // 2 chat sessions, and each of the 4 voice users holds its own (op 4, VOICE_SERVER_UPDATE)
            sim.awaitMetric("guildhall_sim_gateway_sessions", v -> v == 6, Duration.ofSeconds(60));
            sim.awaitMetric("guildhall_sim_gateway_message_create_received_total", v -> v >= 5, Duration.ofSeconds(60));
            sim.awaitMetric("guildhall_sim_voice_clients_bound", v -> v == 4, Duration.ofSeconds(60));
            sim.awaitMetric("guildhall_sim_voice_packets_received_total", v -> v >= 100, Duration.ofSeconds(60));
            assertThat(sim.metric("guildhall_sim_voice_packets_sent_total")).isGreaterThan(100);
            // the voice protocol's own measurements: mouth-to-ear of decrypted frames, UDP keepalive echoes, relay
            // probes echoed, voice gateway heartbeats acknowledged
            sim.awaitMetric("guildhall_sim_voice_mouth_to_ear_ms_count", v -> v >= 100, Duration.ofSeconds(30));
            assertThat(sim.metric("guildhall_sim_voice_mouth_to_ear_ms_max")).isBetween(0.0, 5000.0);
            sim.awaitMetric("guildhall_sim_voice_udp_rtt_ms_count", v -> v >= 4, Duration.ofSeconds(30));
            sim.awaitMetric("guildhall_sim_voice_probes_echoed_total", v -> v >= 4, Duration.ofSeconds(30));
            sim.awaitMetric("guildhall_sim_voice_gateway_rtt_ms_count", v -> v >= 4, Duration.ofSeconds(60));
            assertThat(sim.metric("guildhall_sim_voice_packets_undecryptable_total")).isZero();
            assertThat(sim.metric("guildhall_sim_messages_failed_total")).isZero();

            JsonNode s = JSON.readTree(state.toFile());
            assertThat(s.path("accounts").fieldNames()).toIterable()
                    .contains("owner", "sre", "sim-user-01", "sim-user-06").hasSize(8);
            assertThat(s.path("guilds")).hasSize(2);
            firstUserIds = ids(s.path("accounts"), "user_id");
            firstGuildIds = ids(s.path("guilds"), "id");

            // what the simulator wrote is visible through core-server to a client (the owner)
            String token = login("owner");
            JsonNode guild = get("/guilds/" + firstGuildIds.get(0) + "/channels", token);
            String general = s.path("guilds").get(0).path("text_channel_id").asText();
            assertThat(guild.findValuesAsText("id")).contains(general);
        }

        // a rerun with the same state file logs in: same accounts, same guilds
        try (Sim sim = Sim.start(state)) {
            sim.awaitMetric("guildhall_sim_setup_complete", v -> v == 1, Duration.ofSeconds(90));
            sim.awaitMetric("guildhall_sim_messages_sent_total", v -> v >= 3, Duration.ofSeconds(60));
            JsonNode s = JSON.readTree(state.toFile());
            assertThat(ids(s.path("accounts"), "user_id")).isEqualTo(firstUserIds);
            assertThat(ids(s.path("guilds"), "id")).isEqualTo(firstGuildIds);
        }
    }

    private static List<String> ids(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static String login(String username) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(coreUrl + "/api/v10/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"guildhall-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(coreUrl + "/api/v10" + path))
                .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The packaged simulator as its own JVM. */
    private record Sim(ServiceProcess process, int metricsPort) implements AutoCloseable {
        static Sim start(Path state) {
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>();
            env.put("GUILDHALL_CORE_URL", coreUrl);
            env.put("GUILDHALL_SIM_USERS", "6");
            env.put("GUILDHALL_SIM_GUILDS", "2");
            env.put("GUILDHALL_METRICS_PORT", String.valueOf(port));
            env.put("GUILDHALL_SIM_STATE", state.toString());
            env.put("GUILDHALL_SIM_MESSAGE_RATE", "4");
            env.put("GUILDHALL_SIM_GATEWAY_USERS", "2");
            env.put("GUILDHALL_SIM_VOICE_USERS", "4");
            env.put("GUILDHALL_SIM_IMPAIR", "0.25");
            env.put("GUILDHALL_SIM_RETRY_MS", "500");
            ServiceProcess p = ServiceProcess.start("simulator", "dev.guildhall.simulator.SimulatorMain", "256m", env)
                    .awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(120));
            return new Sim(p, port);
        }

        double metric(String name) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            for (String line : r.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Double.NaN;
        }

        void awaitMetric(String name, Predicate<Double> ok, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            double last = Double.NaN;
            while (System.nanoTime() < deadline) {
                last = metric(name);
                if (!Double.isNaN(last) && ok.test(last)) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError(name + " did not reach the expected value within " + timeout + " (last " + last
                    + "); simulator log: " + process.logFile());
        }

        @Override
        public void close() {
            process.close();
        }
    }
}

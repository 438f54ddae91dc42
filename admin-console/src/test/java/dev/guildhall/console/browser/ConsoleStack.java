package dev.guildhall.console.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.PostgresEngine;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real stack behind the console for browser tests: testkit's PostgreSQL, ClickHouse and Kafka, core-server as its
 * own JVM, warehouse migrations, and the console's production jar as its own JVM — each launched as the runtime
 * contract says.
 */
final class ConsoleStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final ClickHouseEngine clickhouse = Engines.clickhouse();
    final String clickhouseDb;
    final String coreUrl;
    final String consoleUrl;
    private final ServiceProcess core;
    private final ServiceProcess console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleStack(String sreUsers) {
        PostgresEngine pg = Engines.postgres();
        String pgUrl = pg.createDatabase("console_it");
        clickhouseDb = clickhouse.createDatabase("console_it");
        String clickhouseUrl = clickhouse.jdbcUrl(clickhouseDb);
        new Migrator(clickhouseUrl).migrate();

        int corePort = FreePorts.next();
        Map<String, String> coreEnv = new LinkedHashMap<>();
        coreEnv.put("GUILDHALL_HTTP_PORT", Integer.toString(corePort));
        coreEnv.put("GUILDHALL_BIND_HOST", "127.0.0.1");
        coreEnv.put("GUILDHALL_PG_URL", pgUrl);
        coreEnv.put("GUILDHALL_PG_USER", pg.user());
        coreEnv.put("GUILDHALL_PG_PASSWORD", pg.password());
        coreEnv.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
        coreEnv.put("GUILDHALL_VOICE_UDP_PORT", "0");
        coreEnv.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        coreEnv.put("GUILDHALL_AUTH_BCRYPT_COST", "4");
        ServiceProcess startedCore = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "384m",
                coreEnv);
        ServiceProcess startedConsole = null;
        coreUrl = "http://127.0.0.1:" + corePort;
        try {
            startedCore.awaitHealthy(coreUrl + "/health", Duration.ofSeconds(90));
            int consolePort = FreePorts.next();
            consoleUrl = "http://127.0.0.1:" + consolePort;
            startedConsole = startConsole(consolePort, clickhouseUrl, sreUsers);
        } catch (RuntimeException e) {
            if (startedConsole != null) {
                startedConsole.close();
            }
            startedCore.close();
            throw e;
        }
        core = startedCore;
        console = startedConsole;
    }

    /** Starts a console jar on the port, pointed at this stack's core-server and the given ClickHouse, healthy. */
    ServiceProcess startConsole(int port, String clickhouseUrl, String sreUsers) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUILDHALL_CONSOLE_PORT", Integer.toString(port));
        env.put("GUILDHALL_CORE_URL", coreUrl);
        env.put("GUILDHALL_CLICKHOUSE_URL", clickhouseUrl);
        env.put("GUILDHALL_CONSOLE_SRE_USERS", sreUsers);
        ServiceProcess console = ServiceProcess.startJar("admin-console", "admin-console/target/admin-console.jar",
                "512m", env);
        try {
            console.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
        return console;
    }

    /** Registers an account through core-server's provisioning API; returns its user token. */
    String register(String username, String password) {
        return post("/api/v10/auth/register", null, Map.of("username", username, "password", password))
                .get("token").asText();
    }

    /** Creates a guild owned by the token's user; returns its id. */
    long createGuild(String token, String name) {
        return Long.parseLong(post("/api/v10/guilds", token, Map.of("name", name)).get("id").asText());
    }

    /** Id of the guild's channel with this name (core-server creates {@code general} with every guild). */
    long channelId(String token, long guildId, String name) {
        JsonNode channels = get("/api/v10/guilds/" + guildId + "/channels", token);
        for (JsonNode c : channels) {
            if (name.equals(c.path("name").asText())) {
                return Long.parseLong(c.get("id").asText());
            }
        }
        throw new IllegalStateException("guild " + guildId + " has no channel " + name + ": " + channels);
    }

    private JsonNode get(String path, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(coreUrl + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", token).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL in the test's ClickHouse database. */
    String sql(String statement) {
        return clickhouse.query(clickhouseDb, statement);
    }

    String consoleLogTail() {
        return console.logTail(80);
    }

    private JsonNode post(String path, String token, Map<String, String> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(coreUrl + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            console.close();
        } finally {
            core.close();
        }
    }
}

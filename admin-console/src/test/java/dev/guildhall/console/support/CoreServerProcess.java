package dev.guildhall.console.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.PostgresEngine;
import dev.guildhall.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real core-server for console tests: testkit's PostgreSQL (a fresh database) and Kafka, core-server's packaged
 * jar started as its own JVM as the runtime contract says, and provisioning helpers over its REST API.
 */
public final class CoreServerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered account. */
    public record Account(String username, long id, String token) {
    }

    public final String url;
    private final ServiceProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CoreServerProcess(String database) {
        this(database, Map.of());
    }

    /**
     * {@code extraEnv}: more environment for core-server, e.g. its staff bootstrap lists
     * (GUILDHALL_CONSOLE_SRE_USERS, GUILDHALL_PLATFORM_ADMIN_USERS, ...) or GUILDHALL_CONSOLE_TOKEN_SHA256.
     */
    public CoreServerProcess(String database, Map<String, String> extraEnv) {
        PostgresEngine pg = Engines.postgres();
        String pgUrl = pg.createDatabase(database);
        int port = FreePorts.next();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUILDHALL_HTTP_PORT", Integer.toString(port));
        env.put("GUILDHALL_BIND_HOST", "127.0.0.1");
        env.put("GUILDHALL_PG_URL", pgUrl);
        env.put("GUILDHALL_PG_USER", pg.user());
        env.put("GUILDHALL_PG_PASSWORD", pg.password());
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
        env.put("GUILDHALL_VOICE_UDP_PORT", "0");
        env.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        env.put("GUILDHALL_AUTH_BCRYPT_COST", "4");
        env.putAll(extraEnv);
        ServiceProcess started = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "384m", env);
        url = "http://127.0.0.1:" + port;
        try {
            started.awaitHealthy(url + "/health", Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        process = started;
    }

    /** Registers an account through core-server's provisioning API. */
    public Account register(String username, String password) {
        JsonNode answer = send("POST", "/auth/register", null, Map.of("username", username, "password", password));
        return new Account(username, Long.parseLong(answer.get("user_id").asText()), answer.get("token").asText());
    }

    /** Creates a guild owned by the account; returns its id. */
    public long createGuild(Account owner, String name) {
        return Long.parseLong(send("POST", "/guilds", owner.token(), Map.of("name", name)).get("id").asText());
    }

    /** Id of the guild's channel with this name (core-server creates {@code general} with every guild). */
    public long channelId(String token, long guildId, String name) {
        JsonNode channels = send("GET", "/guilds/" + guildId + "/channels", token, null);
        for (JsonNode c : channels) {
            if (name.equals(c.path("name").asText())) {
                return Long.parseLong(c.get("id").asText());
            }
        }
        throw new IllegalStateException("guild " + guildId + " has no channel " + name + ": " + channels);
    }

    /** The member joins the owner's guild by an invite to its {@code general} channel. */
    public void join(Account owner, long guildId, Account member) {
        long general = channelId(owner.token(), guildId, "general");
        String code = send("POST", "/channels/" + general + "/invites", owner.token(), Map.of()).get("code").asText();
        send("POST", "/invites/" + code, member.token(), null);
    }

    /** Creates a role with these permission bits and gives it to the member. */
    public void grant(Account owner, long guildId, Account member, String roleName, long permissions) {
        long role = Long.parseLong(send("POST", "/guilds/" + guildId + "/roles", owner.token(),
                Map.of("name", roleName, "permissions", Long.toString(permissions))).get("id").asText());
        send("PUT", "/guilds/" + guildId + "/members/" + member.id() + "/roles/" + role, owner.token(), null);
    }

    /** An answer of core-server, whatever its status. */
    public record Answer(int status, JsonNode body) {
    }

    /** Posts a message as the token ({@code POST /channels/{id}/messages}) and returns the answer as it is. */
    public Answer postMessage(String token, long channelId, String content) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v10/channels/" + channelId
                            + "/messages"))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", content))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST message failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET} as the token; the answer must be 2xx. */
    public JsonNode get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** {@code POST} a JSON body as the token; the answer must be 2xx. */
    public JsonNode post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    /** HTTP status of {@code GET path} as the token. */
    public int status(String path, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v10" + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", token).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v10" + path))
                    .timeout(Duration.ofSeconds(20));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            if (token != null) {
                request.header("Authorization", token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int retry = 0; response.statusCode() == 429 && retry < 5; retry++) {
                // the test's own checks share the users' global rate limit with the console: wait it out
                double seconds = JSON.readTree(response.body()).path("retry_after").asDouble(1.0);
                Thread.sleep(Math.min(5_000, (long) Math.ceil(seconds * 1000) + 5));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail() {
        return process.logTail(80);
    }

    @Override
    public void close() {
        process.close();
    }
}

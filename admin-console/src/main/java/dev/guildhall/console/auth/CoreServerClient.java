package dev.guildhall.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.console.config.ConsoleProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The console's calls to core-server's REST API ({@code /api/v10}). */
@Component
public class CoreServerClient {

    private static final Logger log = LoggerFactory.getLogger(CoreServerClient.class);

    private final URI apiBase;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    public CoreServerClient(ConsoleProperties properties) {
        this(properties.coreUrl(), properties.coreTimeout());
    }

    public CoreServerClient(URI coreUrl, Duration timeout) {
        String base = coreUrl.toString();
        this.apiBase = URI.create((base.endsWith("/") ? base : base + "/") + "api/v10/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Checks credentials with {@code POST /auth/login}.
     *
     * @return the login, or empty when core-server says the credentials are wrong (401/400)
     * @throws CoreUnavailableException when core-server cannot be asked
     */
    public Optional<CoreLogin> login(String username, String password) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("username", username, "password", password));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(apiBase.resolve("auth/login"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status == 401 || status == 400 || status == 403) {
            log.debug("event=core_login_refused status={} username={}", status, username);
            return Optional.empty();
        }
        if (status != 200) {
            throw new CoreUnavailableException("core-server login answered HTTP " + status);
        }
        JsonNode node = parse(response);
        JsonNode userId = node.get("user_id");
        JsonNode token = node.get("token");
        if (userId == null || token == null || token.asText().isEmpty()) {
            throw new CoreUnavailableException("core-server login answer lacks user_id or token");
        }
        return Optional.of(new CoreLogin(parseSnowflake(userId), token.asText()));
    }

    /**
     * The guilds the user is a member of ({@code GET /users/@me/guilds} with the user token).
     *
     * @throws CoreUnavailableException when core-server cannot be asked or refuses the token
     */
    public List<GuildSummary> myGuilds(String token) {
        JsonNode node = getArray("users/@me/guilds", token, "guild list");
        List<GuildSummary> guilds = new ArrayList<>();
        for (JsonNode g : node) {
            JsonNode id = g.get("id");
            if (id == null) {
                continue;
            }
            guilds.add(new GuildSummary(
                    parseSnowflake(id),
                    g.path("name").asText(""),
                    g.path("owner").asBoolean(false),
                    g.path("permissions").asText("0")));
        }
        return List.copyOf(guilds);
    }

    /**
     * Channel names of a guild ({@code GET /guilds/{id}/channels} with the user token), id → name.
     *
     * @throws CoreUnavailableException when core-server cannot be asked or refuses
     */
    public Map<Long, String> guildChannels(String token, long guildId) {
        JsonNode node = getArray("guilds/" + guildId + "/channels", token, "channel list");
        Map<Long, String> names = new LinkedHashMap<>();
        for (JsonNode c : node) {
            if (c.hasNonNull("id")) {
                names.put(parseSnowflake(c.get("id")), c.path("name").asText(""));
            }
        }
        return names;
    }

    /** {@code GET path} with the user token; the answer must be 200 with a JSON array ({@code what} names it in errors). */
    private JsonNode getArray(String path, String token, String what) {
        HttpRequest request = HttpRequest.newBuilder(apiBase.resolve(path))
                .timeout(timeout)
                .header("Authorization", token)
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new CoreUnavailableException("core-server " + what + " answered HTTP " + response.statusCode());
        }
        JsonNode node = parse(response);
        if (!node.isArray()) {
            throw new CoreUnavailableException("core-server " + what + " is not an array");
        }
        return node;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CoreUnavailableException("core-server unreachable at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreUnavailableException("interrupted while calling core-server", e);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new CoreUnavailableException("core-server answered invalid JSON", e);
        }
    }

    private static long parseSnowflake(JsonNode node) {
        try {
            return node.isNumber() ? node.asLong() : Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            throw new CoreUnavailableException("core-server sent an invalid snowflake: " + node);
        }
    }
}

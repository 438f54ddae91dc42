package dev.guildhall.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.console.config.ConsoleProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    /** The header that marks the console's calls (core-server's console-audit handler checks its token). */
    public static final String CONSOLE_HEADER = "X-Guildhall-Console";
    /** core-server's mark on the 401 that refuses the console's token (not the user's credentials). */
    static final String CONSOLE_REFUSED_HEADER = "X-Guildhall-Console-Refused";

    private final URI apiBase;
    private final Duration timeout;
    private final String serviceToken;
    private final HttpClient http;
    private static final int RATE_LIMIT_RETRIES = 3;
    private static final long MAX_RATE_LIMIT_WAIT_MS = 5_000;

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    public CoreServerClient(ConsoleProperties properties) {
        this(properties.coreUrl(), properties.coreTimeout(), properties.serviceToken());
    }

    public CoreServerClient(URI coreUrl, Duration timeout) {
        this(coreUrl, timeout, "");
    }

    /** {@code serviceToken}: the console's service token sent with every call (blank = none). */
    public CoreServerClient(URI coreUrl, Duration timeout, String serviceToken) {
        String base = coreUrl.toString();
        this.apiBase = URI.create((base.endsWith("/") ? base : base + "/") + "api/v10/");
        this.timeout = timeout;
        this.serviceToken = serviceToken == null ? "" : serviceToken.strip();
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
        HttpRequest request = request("auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (response.headers().firstValue(CONSOLE_REFUSED_HEADER).isPresent()) {
            throw new CoreUnavailableException("core-server refused the console's service token: "
                    + "GUILDHALL_CONSOLE_TOKEN_SHA256 (core-server) must be the SHA-256 of "
                    + "GUILDHALL_CONSOLE_SERVICE_TOKEN (console)");
        }
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
     * The user's platform staff roles ({@code GET /users/@me/staff-roles} with the user token), e.g. {@code SRE}.
     *
     * @throws CoreUnavailableException when core-server cannot be asked or refuses the token
     */
    public List<String> myStaffRoles(String token) {
        HttpResponse<String> response = send(request("users/@me/staff-roles").header("Authorization", token)
                .GET().build());
        if (response.statusCode() != 200) {
            throw new CoreUnavailableException("core-server staff roles answered HTTP " + response.statusCode());
        }
        List<String> roles = new ArrayList<>();
        parse(response).path("roles").forEach(r -> roles.add(r.asText()));
        return List.copyOf(roles);
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

    /**
     * {@code GET /guilds/{id}/audit-logs} with the user token; {@code query} is the query string without {@code ?}
     * (may be empty).
     *
     * @throws CoreRefusedException when core-server refuses (e.g. 50013 without VIEW_AUDIT_LOG)
     */
    public JsonNode auditLog(String token, long guildId, String query) {
        String path = "guilds/" + guildId + "/audit-logs" + (query.isEmpty() ? "" : "?" + query);
        return call(authorized(path, token, null).GET().build(), "audit log");
    }

    /** {@code GET /guilds/{id}/members/search?query=&limit=} with the user token. */
    public JsonNode searchMembers(String token, long guildId, String query, int limit) {
        String path = "guilds/" + guildId + "/members/search?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=" + limit;
        return call(authorized(path, token, null).GET().build(), "member search");
    }

    /** {@code DELETE /guilds/{id}/members/{user}} (kick) with the user token and the reason for the audit log. */
    public void kick(String token, long guildId, long userId, String reason) {
        call(authorized("guilds/" + guildId + "/members/" + userId, token, reason).DELETE().build(), "kick");
    }

    /** {@code PUT /guilds/{id}/bans/{user}} with the user token and the reason for the audit log. */
    public void ban(String token, long guildId, long userId, int deleteMessageSeconds, String reason) {
        call(authorized("guilds/" + guildId + "/bans/" + userId, token, reason)
                .header("Content-Type", "application/json")
                .PUT(jsonBody(Map.of("delete_message_seconds", deleteMessageSeconds))).build(), "ban");
    }

    /**
     * {@code PATCH /guilds/{id}/members/{user}} with {@code communication_disabled_until} (null lifts the timeout),
     * with the user token and the reason for the audit log.
     */
    public void timeout(String token, long guildId, long userId, Instant until, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communication_disabled_until", until == null ? null : until.toString());
        call(authorized("guilds/" + guildId + "/members/" + userId, token, reason)
                .header("Content-Type", "application/json")
                .method("PATCH", jsonBody(body)).build(), "timeout");
    }

    /**
     * Any other call on the user's behalf: {@code method path} with the user token, an optional JSON body and audit
     * log reason; answers the JSON (null for 204).
     *
     * @throws CoreRefusedException     on 4xx (with Discord's code, message and 50035 {@code errors})
     * @throws CoreUnavailableException when core-server cannot be asked
     */
    public JsonNode send(String method, String path, String token, Object body, String reason, String what) {
        HttpRequest.Builder request = authorized(path, token, reason);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, jsonBody(body));
        }
        return call(request.build(), what);
    }

    /** A request to core-server's API, marked as the console's when a service token is configured. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(apiBase.resolve(path)).timeout(timeout);
        if (!serviceToken.isEmpty()) {
            builder.header(CONSOLE_HEADER, serviceToken);
        }
        return builder;
    }

    private HttpRequest.Builder authorized(String path, String token, String reason) {
        HttpRequest.Builder builder = request(path)
                .header("Authorization", token);
        if (reason != null && !reason.isBlank()) {
            // percent-encoded like discord.js; core-server decodes it
            builder.header("X-Audit-Log-Reason",
                    URLEncoder.encode(reason.strip(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return builder;
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a call made on the user's behalf: 2xx answers their JSON (null for 204), 4xx raise
     * {@link CoreRefusedException} with Discord's code and message, anything else {@link CoreUnavailableException}.
     */
    private JsonNode call(HttpRequest request, String what) {
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return status == 204 || response.body().isEmpty() ? null : parse(response);
        }
        if (status / 100 == 4) {
            JsonNode error;
            try {
                error = json.readTree(response.body());
            } catch (IOException e) {
                error = json.createObjectNode();
            }
            int code = error == null ? 0 : error.path("code").asInt(0);
            String message = error == null ? "" : error.path("message").asText("");
            log.info("event=core_refused what={} status={} code={} message={}", what, status, code, message);
            throw new CoreRefusedException(status, code, message.isEmpty() ? "HTTP " + status : message,
                    error == null ? null : error.get("errors"));
        }
        throw new CoreUnavailableException("core-server " + what + " answered HTTP " + status);
    }

    /** {@code GET path} with the user token; the answer must be 200 with a JSON array ({@code what} names it in errors). */
    private JsonNode getArray(String path, String token, String what) {
        HttpRequest request = request(path)
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

    /**
     * Sends a request; a 429 from core-server's rate limiter is waited out (its {@code retry_after}, at most
     * {@link #MAX_RATE_LIMIT_WAIT_MS} per wait) and retried up to {@link #RATE_LIMIT_RETRIES} times, so a moderator
     * working quickly sees a short delay instead of an error.
     */
    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse.BodyHandler<String> text = HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(request, text);
            for (int retry = 0; response.statusCode() == 429 && retry < RATE_LIMIT_RETRIES; retry++) {
                long waitMs = retryAfterMillis(response);
                log.debug("event=core_rate_limited uri={} wait_ms={}", request.uri().getPath(), waitMs);
                Thread.sleep(waitMs);
                response = http.send(request, text);
            }
            return response;
        } catch (IOException e) {
            throw new CoreUnavailableException("core-server unreachable at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreUnavailableException("interrupted while calling core-server", e);
        }
    }

    /** Discord's 429 body carries {@code retry_after} in seconds; fall back to the Retry-After header, then 1 s. */
    private long retryAfterMillis(HttpResponse<String> response) {
        double seconds = 1.0;
        try {
            JsonNode body = json.readTree(response.body());
            if (body != null && body.path("retry_after").isNumber()) {
                seconds = body.path("retry_after").asDouble();
            } else {
                seconds = response.headers().firstValue("Retry-After").map(Double::parseDouble).orElse(1.0);
            }
        } catch (IOException | NumberFormatException e) {
            // keep the default
        }
        return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(1, (long) Math.ceil(seconds * 1000)));
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

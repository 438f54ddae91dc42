package dev.guildhall.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Client of core-server's REST API (/api/v10): the provisioning contract of DESIGN.md plus the Discord v10 calls
 * the simulator needs. A 429 is honoured: the call waits {@code retry_after} (body or Retry-After header) and is
 * retried a few times before it fails.
 */
public final class CoreApi {
    private static final Logger log = LoggerFactory.getLogger(CoreApi.class);
    private static final int MAX_RATE_LIMIT_RETRIES = 5;
    private static final double MAX_RETRY_AFTER_SECONDS = 60;

    private final Function<String, URI> api;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final SimulatorMetrics metrics;

    public CoreApi(Function<String, URI> api, SimulatorMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Session register(String username, String password) throws ApiCallException {
        return session(call("POST", "/auth/register", null, Map.of("username", username, "password", password)));
    }

    public Session login(String username, String password) throws ApiCallException {
        return session(call("POST", "/auth/login", null, Map.of("username", username, "password", password)));
    }

    public JsonNode createGuild(String token, String name) throws ApiCallException {
        return call("POST", "/guilds", token, Map.of("name", name));
    }

    public JsonNode guildChannels(String token, String guildId) throws ApiCallException {
        return call("GET", "/guilds/" + enc(guildId) + "/channels", token, null);
    }

    /** Discord's {@code GET /users/@me/guilds}; may be absent on an early core-server. */
    public JsonNode myGuilds(String token) throws ApiCallException {
        return call("GET", "/users/@me/guilds", token, null);
    }

    public String createInvite(String token, String channelId) throws ApiCallException {
        JsonNode invite = call("POST", "/channels/" + enc(channelId) + "/invites", token,
                Map.of("max_age", 0, "max_uses", 0, "unique", false));
        String code = invite.path("code").asText("");
        if (code.isEmpty()) {
            throw new ApiCallException("POST /channels/" + channelId + "/invites", 200, 0, "answer has no invite code: " + invite);
        }
        return code;
    }

    public JsonNode joinInvite(String token, String code) throws ApiCallException {
        return call("POST", "/invites/" + enc(code), token, null);
    }

    public JsonNode postMessage(String token, String channelId, String content) throws ApiCallException {
        return call("POST", "/channels/" + enc(channelId) + "/messages", token, Map.of("content", content));
    }

    /** {@code GET /gateway} → its {@code url}. */
    public String gatewayUrl() throws ApiCallException {
        String url = call("GET", "/gateway", null, null).path("url").asText("");
        if (url.isEmpty()) {
            throw new ApiCallException("GET /gateway", 200, 0, "answer has no url");
        }
        return url;
    }

    /** One REST call; returns the JSON body (an empty object for 204). */
    public JsonNode call(String method, String path, String token, Object body) throws ApiCallException {
        String what = method + " " + path;
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(api.apply(path)).timeout(Duration.ofSeconds(15))
                    .header("User-Agent", "DiscordBot (guildhall-simulator, 0.1)")
                    .header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                metrics.apiError("io");
                throw new ApiCallException(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiCallException(what, e);
            }
            JsonNode answer = parse(r.body());
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
                return answer;
            }
            if (status == 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
                double wait = retryAfterSeconds(answer, r.headers().firstValue("Retry-After"));
                metrics.rateLimited();
                log.info("rate limited call={} retry_after_s={} global={}", what, wait, answer.path("global").asBoolean(false));
                sleep(wait);
                continue;
            }
            metrics.apiError(Integer.toString(status));
            throw new ApiCallException(what, status, answer.path("code").asInt(0), answer.path("message").asText(
                    answer.isMissingNode() || answer.isEmpty() ? new String(r.body(), StandardCharsets.UTF_8) : ""));
        }
    }

    static double retryAfterSeconds(JsonNode body, Optional<String> header) {
        double wait = body.path("retry_after").asDouble(-1);
        if (wait < 0 && header.isPresent()) {
            try {
                wait = Double.parseDouble(header.get().trim());
            } catch (NumberFormatException ignored) {
                wait = -1;
            }
        }
        if (wait < 0) {
            wait = 1;
        }
        return Math.min(wait, MAX_RETRY_AFTER_SECONDS);
    }

    private static void sleep(double seconds) throws ApiCallException {
        try {
            Thread.sleep((long) Math.ceil(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException("rate-limit wait", e);
        }
    }

    private Session session(JsonNode answer) throws ApiCallException {
        String userId = answer.path("user_id").asText("");
        String token = answer.path("token").asText("");
        if (userId.isEmpty() || token.isEmpty()) {
            throw new ApiCallException("auth", 200, 0, "answer lacks user_id/token");
        }
        return new Session(userId, token);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(body);
            return n == null ? json.createObjectNode() : n;
        } catch (IOException e) {
            ObjectNode n = json.createObjectNode();
            return n;
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

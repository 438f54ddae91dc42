package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small REST client over java.net.http, as a Discord client would call the API. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String base) {
        this.base = base;
    }

    public record Response(int status, JsonNode body, String raw) {
        public String str(String field) {
            return body.path(field).asText();
        }
    }

    public record Account(String userId, String token, String username) {
        public String auth() {
            return token;
        }
    }

    public Response call(String method, String path, String authorization, String body) {
        return call(method, path, authorization, body, Map.of());
    }

    /** A call with extra request headers (e.g. {@code X-Audit-Log-Reason}). */
    public Response call(String method, String path, String authorization, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() || !r.headers().firstValue("content-type").orElse("").contains("json")
                    ? null : JSON.readTree(r.body());
            return new Response(r.statusCode(), node, r.body());
        } catch (IOException e) {
            throw new RuntimeException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    public Response get(String path, String auth) {
        return call("GET", path, auth, null);
    }

    public Response post(String path, String auth, Object body) {
        return call("POST", path, auth, body instanceof String s ? s : json(body));
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Registers a fresh user (unique name) and returns its credentials; fails loudly otherwise. */
    public Account register(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = post("/api/v10/auth/register", null, Map.of("username", name, "password", "correct horse"));
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.raw());
        }
        return new Account(r.str("user_id"), r.str("token"), name);
    }

    /** Creates a guild; returns its JSON. */
    public JsonNode createGuild(Account owner, String name) {
        Response r = post("/api/v10/guilds", owner.auth(), Map.of("name", name));
        if (r.status() != 201) {
            throw new AssertionError("create guild failed: " + r.status() + " " + r.raw());
        }
        return r.body();
    }

    /** The id of the guild's text channel {@code general}. */
    public String textChannel(Account member, String guildId) {
        Response r = get("/api/v10/guilds/" + guildId + "/channels", member.auth());
        for (JsonNode ch : r.body()) {
            if (ch.path("type").asInt() == 0) {
                return ch.path("id").asText();
            }
        }
        throw new AssertionError("no text channel in " + r.raw());
    }

    public String voiceChannel(Account member, String guildId) {
        Response r = get("/api/v10/guilds/" + guildId + "/channels", member.auth());
        for (JsonNode ch : r.body()) {
            if (ch.path("type").asInt() == 2) {
                return ch.path("id").asText();
            }
        }
        throw new AssertionError("no voice channel in " + r.raw());
    }

    /** Creates an invite in the channel and joins with the other account (user token or "Bot ..."). */
    public void invite(Account owner, String channelId, String joinerAuth) {
        Response inv = post("/api/v10/channels/" + channelId + "/invites", owner.auth(), Map.of("max_age", 0));
        if (inv.status() != 200) {
            throw new AssertionError("invite failed: " + inv.raw());
        }
        Response join = post("/api/v10/invites/" + inv.str("code"), joinerAuth, "");
        if (join.status() != 200) {
            throw new AssertionError("join failed: " + join.raw());
        }
    }

    public Response sendMessage(String auth, String channelId, String content) {
        ObjectNode body = JSON.createObjectNode().put("content", content);
        return post("/api/v10/channels/" + channelId + "/messages", auth, body.toString());
    }
}

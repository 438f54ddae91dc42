package dev.guildhall.bench;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The REST API as a client sees it (java.net.http): provisioning calls (blocking) and message posts (async). */
final class Rest {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient http;
    /** Per route given to {@link #paced}: the {@code System.nanoTime()} at which its spent bucket refills. */
    private final Map<String, Long> spentUntil = new ConcurrentHashMap<>();
    private final AtomicLong pacingWaits = new AtomicLong();
    private final AtomicLong pacingNanos = new AtomicLong();

    Rest(String baseUrl) {
        this.api = baseUrl + "/api/v10";
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Account(long userId, String token, String username) {
    }

    /** A timed answer: its body, the time from send to answer, and how many 429s were waited out within it. */
    record Timed(JsonNode body, long micros, int rateLimited) {
    }

    private HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", token);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** A blocking call that must answer {@code expected}; 429s are waited out (retry_after) and retried. */
    JsonNode call(String method, String path, String token, String body, int expected) {
        return send(null, method, path, token, body, expected).body();
    }

    /**
     * {@link #call} timed from the first send to the accepted answer, paced as a Discord client paces a route (JDA
     * and discord.py do so): when the last answer on {@code route} (a name for its bucket, e.g. method and template)
     * said the bucket was spent ({@code X-RateLimit-Remaining: 0}), waits its {@code X-RateLimit-Reset-After} before
     * sending. That wait is the client's, not the answer's, so it is not part of the time; it is counted in
     * {@link #pacingWaits()}. A 429 that still comes is waited out (retry_after) inside the time and counted in
     * {@link Timed#rateLimited()}, so a benchmark can tell a slow answer from a rate-limited one.
     */
    Timed paced(String route, String method, String path, String token, String body, int expected) {
        Long until = spentUntil.remove(route);
        if (until != null) {
            long waitNanos = until - System.nanoTime();
            if (waitNanos > 0) {
                pacingWaits.incrementAndGet();
                pacingNanos.addAndGet(waitNanos);
                sleepMillis(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1);
            }
        }
        return send(route, method, path, token, body, expected);
    }

    /** How often {@link #paced} waited for a spent bucket, and for how long in all (nanoseconds). */
    long pacingWaits() {
        return pacingWaits.get();
    }

    long pacingNanos() {
        return pacingNanos.get();
    }

    private Timed send(String route, String method, String path, String token, String body, int expected) {
        long t0 = System.nanoTime();
        int rateLimited = 0;
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r;
            try {
                r = http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < 3) {
                    continue;
                }
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (route != null) {
                noteBucket(route, r);
            }
            if (r.statusCode() == 429 && attempt < 20) {
                rateLimited++;
                sleepMillis((long) (readTree(r.body()).path("retry_after").asDouble(0.1) * 1000) + 5);
                continue;
            }
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode answer = r.body().isEmpty() ? JSON.nullNode() : readTree(r.body());
            return new Timed(answer, (System.nanoTime() - t0) / 1000, rateLimited);
        }
    }

    /** Remembers when the route's bucket refills if this answer spent it. */
    private void noteBucket(String route, HttpResponse<String> r) {
        if (r.headers().firstValue("X-RateLimit-Remaining").map("0"::equals).orElse(false)) {
            double resetAfter = r.headers().firstValue("X-RateLimit-Reset-After").map(Double::parseDouble).orElse(0.0);
            spentUntil.put(route, System.nanoTime() + (long) (resetAfter * 1e9));
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Account register(String username) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", "bench-password");
        JsonNode r = call("POST", "/auth/register", null, body.toString(), 201);
        return new Account(Long.parseLong(r.path("user_id").asText()), r.path("token").asText(), username);
    }

    /** Creates a guild; returns [guild id, id of its first text channel]. */
    long[] createGuild(Account owner, String name) {
        JsonNode g = call("POST", "/guilds", owner.token(), JSON.createObjectNode().put("name", name).toString(), 201);
        long guildId = Long.parseLong(g.path("id").asText());
        for (JsonNode ch : call("GET", "/guilds/" + guildId + "/channels", owner.token(), null, 200)) {
            if (ch.path("type").asInt() == 0) {
                return new long[] {guildId, Long.parseLong(ch.path("id").asText())};
            }
        }
        throw new IllegalStateException("guild " + guildId + " has no text channel");
    }

    /** A never-expiring, unlimited invite to the channel. */
    String createInvite(Account owner, long channelId) {
        ObjectNode body = JSON.createObjectNode().put("max_age", 0).put("max_uses", 0);
        return call("POST", "/channels/" + channelId + "/invites", owner.token(), body.toString(), 200)
                .path("code").asText();
    }

    void join(Account member, String inviteCode) {
        call("POST", "/invites/" + inviteCode, member.token(), "", 200);
    }

    /** Posts a message without waiting; the future holds the status code (or fails on an I/O error). */
    CompletableFuture<Integer> postMessageAsync(Account author, long channelId, String content) {
        String body = "{\"content\":\"" + content + "\"}";
        return http.sendAsync(request("POST", "/channels/" + channelId + "/messages", author.token(), body),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }
}

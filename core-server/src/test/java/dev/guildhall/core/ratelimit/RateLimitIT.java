package dev.guildhall.core.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord's REST rate limits over real HTTP against an in-process server: route buckets with their headers, 429
 * bodies, retry_after, one account = one caller whatever its tokens, major parameters, the global limit, per-IP
 * login limits and the invalid-request limiter. Windows are long (60 s) wherever a test must not race the clock;
 * every test uses fresh accounts, so their buckets do not interfere.
 */
class RateLimitIT {
    private static final String MESSAGES = "/channels/{channel_id}/messages";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestServer server;
    private static TestServer strict;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_ratelimit", Map.of(
                "ratelimit.global.limit", "50",
                "ratelimit.global.window.ms", "60000",
                "ratelimit.routes", "POST " + MESSAGES + " 5/60000;GET /users/@me 2/2000;POST /auth/login 3/60000"));
        api = server.client();
        // a server whose invalid-request limit is tiny: it refuses 127.0.0.1 during its test
        strict = TestServer.start("core_ratelimit_invalid", Map.of(
                "ratelimit.invalid.limit", "5",
                "ratelimit.invalid.window.ms", "4000"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (strict != null) {
            strict.close();
        }
    }

    // ---------------------------------------------------------------- route buckets

    @Test
    void routeHeadersCountDownAndTheSixthMessageIsRefusedWithDiscordsBody() throws Exception {
        Account owner = api.register("rlowner");
        String channel = channelOf(owner, "RL Headers");
        String bucket = null;
        double lastResetAfter = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = postMessage(server, owner.auth(), channel, "m" + i);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("5");
            assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            double resetAfter = Double.parseDouble(header(r, "X-RateLimit-Reset-After"));
            assertThat(resetAfter).isGreaterThan(0).isLessThanOrEqualTo(60.0).isLessThanOrEqualTo(lastResetAfter);
            lastResetAfter = resetAfter;
            assertThat(header(r, "X-RateLimit-Reset-After")).matches("\\d+\\.\\d{3}");
            assertThat(header(r, "X-RateLimit-Reset")).matches("\\d{10}\\.\\d{3}");
            double reset = Double.parseDouble(header(r, "X-RateLimit-Reset"));
            double now = System.currentTimeMillis() / 1000.0;
            assertThat(reset).isBetween(now + resetAfter - 5, now + resetAfter + 5); // same instant, two notations
            if (bucket == null) {
                bucket = header(r, "X-RateLimit-Bucket");
            }
            assertThat(header(r, "X-RateLimit-Bucket")).isEqualTo(bucket).matches("[0-9a-f]{32}");
            assertThat(r.headers().firstValue("X-RateLimit-Scope")).isEmpty(); // only on 429s
        }

        HttpResponse<String> limited = postMessage(server, owner.auth(), channel, "one too many");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Content-Type")).contains("application/json");
        JsonNode body = ApiClient.JSON.readTree(limited.body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("message", "retry_after", "global");
        assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
        assertThat(body.get("global").isBoolean()).isTrue();
        assertThat(body.get("global").asBoolean()).isFalse();
        assertThat(body.get("retry_after").isNumber()).isTrue();
        double retryAfter = body.get("retry_after").asDouble();
        assertThat(retryAfter).isGreaterThan(0).isLessThanOrEqualTo(60.0);
        assertThat(header(limited, "Retry-After")).isEqualTo(Long.toString((long) Math.ceil(retryAfter)));
        assertThat(header(limited, "X-RateLimit-Scope")).isEqualTo("user");
        assertThat(header(limited, "Via")).isNotBlank(); // a route limit, not an edge ban (JDA checks this)
        assertThat(limited.headers().firstValue("X-RateLimit-Global")).isEmpty();
        assertThat(header(limited, "X-RateLimit-Limit")).isEqualTo("5");
        assertThat(header(limited, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(limited, "X-RateLimit-Bucket")).isEqualTo(bucket);

        // the refused message was not stored
        ApiClient.Response history = api.get("/api/v10/channels/" + channel + "/messages?limit=100", owner.auth());
        assertThat(history.body().size()).isEqualTo(5);
        // reads of the channel are another bucket
        assertThat(history.status()).isEqualTo(200);

        // unknown routes and methods are answered by the router (global limit only, no bucket headers)
        HttpResponse<String> unknown = send(server, "GET", "/api/v10/no/such/route", owner.auth(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-RateLimit-Bucket")).isEmpty();
        assertThat(send(server, "DELETE", "/api/v10/guilds", owner.auth(), null).statusCode()).isEqualTo(405);
        assertThat(send(server, "DELETE", "/api/v10/guilds", null, null).statusCode()).isEqualTo(405);

        // outside the API: no rate-limit headers
        HttpResponse<String> health = send(server, "GET", "/health", null, null);
        assertThat(health.headers().firstValue("X-RateLimit-Limit")).isEmpty();

        // the refusal is counted per scope
        String metrics = send(server, "GET", "/metrics", null, null).body();
        assertThat(metricValue(metrics, "guildhall_ratelimit_limited_total", "limit=\"route\"", "scope=\"user\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).contains("guildhall_ratelimit_buckets");
    }

    @Test
    void twoTokensOfOneUserShareItsBuckets() throws Exception {
        Account user = api.register("rltwotokens");
        String channel = channelOf(user, "RL Tokens");
        ApiClient.Response login = api.post("/api/v10/auth/login", null,
                Map.of("username", user.username(), "password", "correct horse"));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        String second = login.str("token");
        assertThat(second).isNotEqualTo(user.token());

        String[] tokens = {user.token(), second, user.token(), second, second};
        for (int i = 0; i < tokens.length; i++) {
            HttpResponse<String> r = postMessage(server, tokens[i], channel, "t" + i);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        assertThat(postMessage(server, user.token(), channel, "x").statusCode()).isEqualTo(429);
        assertThat(postMessage(server, second, channel, "x").statusCode()).isEqualTo(429);
    }

    @Test
    void everyChannelAndEveryUserHasItsOwnBucket() throws Exception {
        Account owner = api.register("rlchannels");
        String first = channelOf(owner, "RL Channel A");
        String second = channelOf(owner, "RL Channel B");
        for (int i = 0; i < 5; i++) {
            assertThat(postMessage(server, owner.auth(), first, "a" + i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = postMessage(server, owner.auth(), first, "a5");
        assertThat(refused.statusCode()).isEqualTo(429);

        HttpResponse<String> other = postMessage(server, owner.auth(), second, "b0");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(header(other, "X-RateLimit-Remaining")).isEqualTo("4");
        // Discord's bucket id names the limit, not the channel
        assertThat(header(other, "X-RateLimit-Bucket")).isEqualTo(header(refused, "X-RateLimit-Bucket"));

        Account member = api.register("rlmember");
        api.invite(owner, first, member.auth());
        HttpResponse<String> byMember = postMessage(server, member.auth(), first, "m0");
        assertThat(byMember.statusCode()).isEqualTo(200);
        assertThat(header(byMember, "X-RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void waitingRetryAfterLetsTheNextRequestThrough() throws Exception {
        Account user = api.register("rlretry");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 20 && limited == null; i++) { // 2 per 2 s: the third call within a window is refused
            HttpResponse<String> r = send(server, "GET", "/api/v10/users/@me", user.auth(), null);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("2");
            }
        }
        assertThat(limited).as("a 429 within 20 calls").isNotNull();
        double retryAfter = ApiClient.JSON.readTree(limited.body()).get("retry_after").asDouble();
        assertThat(retryAfter).isGreaterThan(0).isLessThanOrEqualTo(2.0);
        Thread.sleep((long) Math.ceil(retryAfter * 1000));
        HttpResponse<String> after = send(server, "GET", "/api/v10/users/@me", user.auth(), null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(header(after, "X-RateLimit-Remaining")).isEqualTo("1");
    }

    // ---------------------------------------------------------------- global limit

    @Test
    void globalLimitOfFiftyTripsForABotAndForAUserWhateverItsTokens() throws Exception {
        Account owner = api.register("rlglobal");
        ApiClient.Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "RL Global Bot"));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        String bot = "Bot " + app.body().at("/bot/token").asText();
        String[] routes = {"/api/v10/users/@me/guilds", "/api/v10/gateway/bot", "/api/v10/applications/@me"};
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = send(server, "GET", routes[i % routes.length], bot, null);
            assertThat(r.statusCode()).as("request %d: %s", i + 1, r.body()).isEqualTo(200);
        }
        HttpResponse<String> refused = send(server, "GET", "/api/v10/users/@me/guilds", bot, null);
        assertGlobal429(refused);
        assertThat(header(refused, "Via")).isNotBlank();
        assertThat(refused.headers().firstValue("X-RateLimit-Bucket")).isEmpty();
        // the owner is another caller
        assertThat(send(server, "GET", "/api/v10/users/@me/guilds", owner.auth(), null).statusCode()).isEqualTo(200);

        // a user cannot dodge it with a second token
        Account user = api.register("rlglobaluser");
        String second = api.post("/api/v10/auth/login", null,
                Map.of("username", user.username(), "password", "correct horse")).str("token");
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = send(server, "GET", "/api/v10/users/@me/guilds", i % 2 == 0 ? user.auth() : second, null);
            assertThat(r.statusCode()).as("request %d", i + 1).isEqualTo(200);
        }
        assertGlobal429(send(server, "GET", "/api/v10/users/@me/guilds", second, null));
        assertThat(metricValue(send(server, "GET", "/metrics", null, null).body(), "guildhall_ratelimit_limited_total",
                "limit=\"global\"", "scope=\"global\"")).isGreaterThanOrEqualTo(2.0);
    }

    // ---------------------------------------------------------------- per IP

    @Test
    void loginBruteForceFromOneAddressIsRefusedWhateverItSends() throws Exception {
        Account victim = api.register("rlvictim");
        String wrong = ApiClient.json(Map.of("username", victim.username(), "password", "wrong password"));
        // from 127.0.0.2: its own address, so the other tests (from 127.0.0.1) keep their login allowance
        for (int i = 0; i < 3; i++) {
            RawResponse r = rawRequest(server, "127.0.0.2", "POST", "/api/v10/auth/login", null, wrong);
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.header("x-ratelimit-remaining")).isEqualTo(Integer.toString(2 - i));
        }
        RawResponse refused = rawRequest(server, "127.0.0.2", "POST", "/api/v10/auth/login", null, wrong);
        assertThat(refused.status()).isEqualTo(429);
        JsonNode body = ApiClient.JSON.readTree(refused.body());
        assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
        assertThat(body.get("global").asBoolean()).isFalse();
        assertThat(body.get("retry_after").asDouble()).isGreaterThan(0);
        assertThat(refused.header("x-ratelimit-scope")).isEqualTo("user");
        assertThat(refused.header("retry-after")).matches("\\d+");

        // the right password and a valid token change nothing: the address is the caller on these routes
        String right = ApiClient.json(Map.of("username", victim.username(), "password", "correct horse"));
        assertThat(rawRequest(server, "127.0.0.2", "POST", "/api/v10/auth/login", victim.auth(), right).status())
                .isEqualTo(429);
        // another address still logs in
        assertThat(rawRequest(server, "127.0.0.3", "POST", "/api/v10/auth/login", null, right).status())
                .isEqualTo(200);
    }

    @Test
    void anAddressWithTooManyInvalidRequestsIsRefusedUntilTheWindowEnds() throws Exception {
        int unauthorized = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 30 && refused == null; i++) { // 5 invalid answers per 4 s window
            HttpResponse<String> r = send(strict, "GET", "/api/v10/users/@me", "Bot not-a-real-token", null);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
                unauthorized++;
            }
        }
        assertThat(refused).as("refused after the invalid-request limit").isNotNull();
        assertThat(unauthorized).isGreaterThanOrEqualTo(5);
        assertGlobal429(refused);
        assertThat(refused.headers().firstValue("Via")).as("an edge-ban-like refusal has no Via").isEmpty();
        // now even a valid, unauthenticated call is refused
        HttpResponse<String> valid = send(strict, "GET", "/api/v10/gateway", null, null);
        assertGlobal429(valid);
        double retryAfter = ApiClient.JSON.readTree(valid.body()).get("retry_after").asDouble();
        assertThat(retryAfter).isLessThanOrEqualTo(4.0);
        Thread.sleep((long) Math.ceil(retryAfter * 1000));
        assertThat(send(strict, "GET", "/api/v10/gateway", null, null).statusCode()).isEqualTo(200);
        assertThat(metricValue(send(strict, "GET", "/metrics", null, null).body(), "guildhall_ratelimit_limited_total",
                "limit=\"invalid_requests\"", "scope=\"global\"")).isGreaterThanOrEqualTo(2.0);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertGlobal429(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        JsonNode body = ApiClient.JSON.readTree(r.body());
        assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
        assertThat(body.get("global").asBoolean()).isTrue();
        assertThat(body.get("retry_after").asDouble()).isGreaterThan(0);
        assertThat(header(r, "X-RateLimit-Global")).isEqualTo("true");
        assertThat(header(r, "X-RateLimit-Scope")).isEqualTo("global");
        assertThat(header(r, "Retry-After")).matches("\\d+");
    }

    /** A fresh guild of the account; returns its text channel. */
    private static String channelOf(Account owner, String guildName) {
        return api.textChannel(owner, api.createGuild(owner, guildName).get("id").asText());
    }

    private static HttpResponse<String> postMessage(TestServer s, String auth, String channel, String content) {
        return send(s, "POST", "/api/v10/channels/" + channel + "/messages", auth,
                ApiClient.json(Map.of("content", content)));
    }

    private static HttpResponse<String> send(TestServer s, String method, String path, String auth, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(20));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header in "
                + r.headers().map()));
    }

    /** The sum of a Prometheus counter's series whose labels contain all the given label pairs. */
    private static double metricValue(String metrics, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertThat(found).as("series %s%s in metrics", name, List.of(labels)).isTrue();
        return sum;
    }

    private record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String lowerCaseName) {
            String v = headers.get(lowerCaseName);
            if (v == null) {
                throw new AssertionError("no " + lowerCaseName + " header in " + headers);
            }
            return v;
        }
    }

    /** One HTTP/1.1 request over a socket bound to {@code fromAddress} (java.net.http cannot choose it on 17). */
    private static RawResponse rawRequest(TestServer s, String fromAddress, String method, String path, String auth,
                                          String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n");
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}).*").matcher(lines[0]);
            assertThat(status.matches()).as(lines[0]).isTrue();
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(Integer.parseInt(status.group(1)), headers, text.substring(split + 4));
        }
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowmode ({@code rate_limit_per_user}) on message send over REST: one message per interval and user, answered
 * 429 / 20016 with Discord's rate-limit body and Retry-After; bots and BYPASS_SLOWMODE holders are unaffected,
 * MANAGE_MESSAGES alone no longer is; threads have their own slowmode, and starting threads has its own interval in
 * the parent; a failed send claims nothing.
 */
class SlowmodeIT {
    private static final int SLOWMODE = 2;

    private static TestServer server;
    private static GuildFixture g;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_slowmode");
        g = new GuildFixture(server, "slowowner", "Slowmode Guild");
        api = g.api;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A new text channel with the given slowmode (set through PATCH, as clients do). */
    private static String slowChannel(int seconds) {
        Response created = api.post(g.guildPath() + "/channels", g.owner.auth(), Map.of("name", "slow", "type", 0));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.str("id");
        Response patched = api.call("PATCH", "/api/v10/channels/" + id, g.owner.auth(),
                "{\"rate_limit_per_user\":" + seconds + "}");
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.body().get("rate_limit_per_user").asInt()).isEqualTo(seconds);
        return id;
    }

    private static void sends(Account who, String channel) {
        sends(who.auth(), channel);
    }

    private static void sends(String auth, String channel) {
        Response r = api.sendMessage(auth, channel, "hello");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    /** The send is refused with Discord's slowmode answer; returns retry_after in seconds. */
    private static double refused(Account who, String channel) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v10/channels/" + channel + "/messages"))
                .header("Authorization", who.auth()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"too soon\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        JsonNode body = ApiClient.JSON.readTree(r.body());
        assertThat(body.get("code").asInt()).isEqualTo(20016);
        assertThat(body.get("message").asText())
                .isEqualTo("This action cannot be performed due to slowmode rate limit");
        assertThat(body.get("global").asBoolean()).isFalse();
        double retryAfter = body.get("retry_after").asDouble();
        assertThat(retryAfter).isGreaterThan(0).isLessThanOrEqualTo(SLOWMODE);
        long header = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(header).isEqualTo((long) Math.ceil(retryAfter));
        return retryAfter;
    }

    @Test
    void aMemberSendsOneMessagePerIntervalThenMayAgain() throws Exception {
        String channel = slowChannel(SLOWMODE);
        Account member = g.member("slowmember");
        Account other = g.member("slowother");
        sends(member, channel);
        double wait = refused(member, channel);
        // per user: another member is not held up
        sends(other, channel);
        Thread.sleep((long) (wait * 1000) + 100);
        sends(member, channel);
        refused(member, channel);
        // per channel: the guild's other channel has no slowmode
        sends(member, g.channelId);
        sends(member, g.channelId);
    }

    @Test
    void botsOwnersAndBypassSlowmodeAreUnaffectedButManageMessagesAloneIsNot() throws Exception {
        String channel = slowChannel(SLOWMODE);
        sends(g.owner, channel);
        sends(g.owner, channel);

        Account bypass = g.member("slowbypass");
        g.grant(bypass, g.role("bypass", Permissions.BYPASS_SLOWMODE));
        sends(bypass, channel);
        sends(bypass, channel);

        // Discord split BYPASS_SLOWMODE from MANAGE_MESSAGES / MANAGE_CHANNELS (in effect since February 2026)
        Account moderator = g.member("slowmod");
        g.grant(moderator, g.role("mods", Permissions.MANAGE_MESSAGES | Permissions.MANAGE_CHANNELS));
        sends(moderator, channel);
        refused(moderator, channel);

        Response app = api.post("/api/v10/applications", g.owner.auth(), Map.of("name", "Slow Bot"));
        String bot = "Bot " + app.body().at("/bot/token").asText();
        api.invite(g.owner, g.channelId, bot);
        sends(bot, channel);
        sends(bot, channel);
    }

    @Test
    void aThreadHasItsOwnSlowmode() throws Exception {
        String parent = slowChannel(SLOWMODE);
        Account member = g.member("slowthreader");
        Response thread = api.post("/api/v10/channels/" + parent + "/threads", g.owner.auth(),
                Map.of("name", "slow thread", "type", 11, "rate_limit_per_user", SLOWMODE));
        assertThat(thread.status()).as(thread.raw()).isEqualTo(201);
        String threadId = thread.str("id");
        sends(member, parent);
        // the parent's interval does not cover the thread, and the other way round
        sends(member, threadId);
        refused(member, threadId);
        refused(member, parent);

        Response fast = api.post("/api/v10/channels/" + parent + "/threads", g.owner.auth(),
                Map.of("name", "fast thread", "type", 11));
        assertThat(fast.status()).as(fast.raw()).isEqualTo(201);
        sends(member, fast.str("id"));
        sends(member, fast.str("id"));
    }

    @Test
    void startingAThreadHasItsOwnIntervalInTheParent() throws Exception {
        String parent = slowChannel(SLOWMODE);
        Account member = g.member("slowstarter");
        Response first = api.post("/api/v10/channels/" + parent + "/threads", member.auth(),
                Map.of("name", "one", "type", 11));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        // one message and one thread per interval (Discord): the message still goes through
        Response starter = api.sendMessage(member.auth(), parent, "start a thread from me");
        assertThat(starter.status()).as(starter.raw()).isEqualTo(200);
        for (Response second : List.of(
                api.post("/api/v10/channels/" + parent + "/threads", member.auth(), Map.of("name", "two", "type", 11)),
                api.post("/api/v10/channels/" + parent + "/messages/" + starter.str("id") + "/threads", member.auth(),
                        Map.of("name", "three")))) {
            assertThat(second.status()).as(second.raw()).isEqualTo(429);
            assertThat(second.body().get("code").asInt()).isEqualTo(20016);
            assertThat(second.body().get("retry_after").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(SLOWMODE);
        }
        refused(member, parent);
        assertThat(api.post("/api/v10/channels/" + parent + "/threads", g.owner.auth(),
                Map.of("name", "owner's", "type", 11)).status()).isEqualTo(201);
    }

    @Test
    void aFailedSendClaimsNothingAndAnIdempotentRetryIsNotRefused() throws Exception {
        String channel = slowChannel(SLOWMODE);
        Account member = g.member("slowfail");
        Response failed = api.post("/api/v10/channels/" + channel + "/messages", member.auth(),
                "{\"content\":\"reply\",\"message_reference\":{\"message_id\":\"1\"}}");
        assertThat(failed.status()).as(failed.raw()).isEqualTo(400);
        String nonced = "{\"content\":\"once\",\"nonce\":\"n-1\",\"enforce_nonce\":true}";
        Response first = api.post("/api/v10/channels/" + channel + "/messages", member.auth(), nonced);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        // the client retries the same send (enforce_nonce): the message it already made, not a slowmode refusal
        Response retry = api.post("/api/v10/channels/" + channel + "/messages", member.auth(), nonced);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.str("id")).isEqualTo(first.str("id"));
        refused(member, channel);
    }

    @Test
    void concurrentSendsOfOneUserGetOneMessageThrough() {
        String channel = slowChannel(SLOWMODE);
        Account member = g.member("slowracer");
        List<CompletableFuture<Response>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sends.add(CompletableFuture.supplyAsync(() -> api.sendMessage(member.auth(), channel, "race")));
        }
        List<Integer> statuses = sends.stream().map(f -> f.join().status()).toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(5);
    }
}

package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revoked tokens stop working everywhere: on REST (401 at once) and on the gateway (sessions closed with 4004, not
 * resumable, a new IDENTIFY with the token fails with 4004), while the user's other tokens keep working.
 */
class TokenRevocationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int GUILDS = 1;

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_token_revocation", Map.of("gateway.heartbeat.interval.ms", "30000"));
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Session(GatewayClient client, String sessionId) {
    }

    private static GatewayClient connect() throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        return gw;
    }

    private static Session identified(String token) throws InterruptedException {
        GatewayClient gw = connect();
        gw.identify(token, GUILDS);
        JsonNode ready = gw.nextDispatch("READY", WAIT);
        assertThat(ready).as("READY").isNotNull();
        return new Session(gw, ready.at("/d/session_id").asText());
    }

    private static String login(Account a) {
        Response r = api.post("/api/v10/auth/login", null, Map.of("username", a.username(), "password",
                "correct horse"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("token");
    }

    private static int me(String auth) {
        return api.get("/api/v10/users/@me", auth).status();
    }

    private static void assertAlive(GatewayClient gw) throws InterruptedException {
        gw.heartbeat(null);
        JsonNode ack = gw.next(WAIT);
        assertThat(ack).isNotNull();
        assertThat(ack.get("op").asInt()).isEqualTo(11);
    }

    /** A RESUME of the session with the given token: 4004 if the token is revoked, else op 9. */
    private static void assertNotResumable(String sessionId, String token, boolean tokenRevoked)
            throws InterruptedException {
        try (GatewayClient gw = connect()) {
            gw.resume(token, sessionId, 1);
            if (tokenRevoked) {
                assertThat(gw.closeCode(WAIT)).isEqualTo(4004);
            } else {
                JsonNode invalid = gw.nextNonAck(WAIT);
                assertThat(invalid.get("op").asInt()).isEqualTo(9);
                assertThat(invalid.get("d").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void logoutRevokesOnlyTheCallingToken() throws Exception {
        Account user = api.register("logout");
        String other = login(user);
        Session first = identified(user.token());
        Session second = identified(other);
        try (GatewayClient a = first.client(); GatewayClient b = second.client()) {
            assertThat(api.post("/api/v10/auth/logout", user.token(), "").status()).isEqualTo(204);
            assertThat(me(user.token())).isEqualTo(401);
            assertThat(me(other)).isEqualTo(200);
            assertThat(a.closeCode(WAIT)).isEqualTo(4004);
            assertAlive(b);
            assertNotResumable(first.sessionId(), user.token(), true);
            assertNotResumable(first.sessionId(), other, false);
            try (GatewayClient again = connect()) {
                again.identify(user.token(), GUILDS);
                assertThat(again.closeCode(WAIT)).isEqualTo(4004);
            }
            // a second logout with the revoked token is just unauthorized
            assertThat(api.post("/api/v10/auth/logout", user.token(), "").status()).isEqualTo(401);
        }
    }

    @Test
    void revokeAllEndsEveryTokenAndSessionOfTheUser() throws Exception {
        Account user = api.register("revokeall");
        Account bystander = api.register("bystander");
        String second = login(user);
        Session s1 = identified(user.token());
        Session s2 = identified(second);
        Session other = identified(bystander.token());
        try (GatewayClient a = s1.client(); GatewayClient b = s2.client(); GatewayClient c = other.client()) {
            assertThat(api.post("/api/v10/auth/tokens/revoke-all", second, "").status()).isEqualTo(204);
            assertThat(me(user.token())).isEqualTo(401);
            assertThat(me(second)).isEqualTo(401);
            assertThat(a.closeCode(WAIT)).isEqualTo(4004);
            assertThat(b.closeCode(WAIT)).isEqualTo(4004);
            assertThat(me(bystander.token())).isEqualTo(200);
            assertAlive(c);
            // logging in again gives a working token
            assertThat(me(login(user))).isEqualTo(200);
        }
    }

    @Test
    void resettingABotTokenRevokesTheOldOneAndReturnsAWorkingNewOne() throws Exception {
        Account owner = api.register("botowner");
        Account stranger = api.register("stranger");
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Reset Bot"));
        String appId = app.str("id");
        String oldToken = app.body().at("/bot/token").asText();
        String path = "/api/v10/applications/" + appId + "/bot/reset-token";

        assertThat(api.post(path, null, "").status()).isEqualTo(401);
        Response notOwner = api.post(path, stranger.auth(), "");
        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.body().get("code").asInt()).isEqualTo(20012);
        Response asBot = api.post(path, "Bot " + oldToken, "");
        assertThat(asBot.status()).isEqualTo(403);
        assertThat(asBot.body().get("code").asInt()).isEqualTo(20012);
        Response unknown = api.post("/api/v10/applications/1/bot/reset-token", owner.auth(), "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asInt()).isEqualTo(10002);

        Session bot = identified(oldToken);
        try (GatewayClient gw = bot.client()) {
            Response reset = api.post(path, owner.auth(), "");
            assertThat(reset.status()).as(reset.raw()).isEqualTo(200);
            String newToken = reset.str("token");
            assertThat(newToken).isNotBlank().isNotEqualTo(oldToken);
            assertThat(me("Bot " + oldToken)).isEqualTo(401);
            assertThat(me("Bot " + newToken)).isEqualTo(200);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4004);
            assertNotResumable(bot.sessionId(), oldToken, true);
            assertNotResumable(bot.sessionId(), newToken, false);
            Session fresh = identified(newToken);
            try (GatewayClient f = fresh.client()) {
                assertAlive(f);
            }
            // bots cannot log out or revoke their own tokens (the owner resets them)
            assertThat(api.post("/api/v10/auth/logout", "Bot " + newToken, "").body().get("code").asInt())
                    .isEqualTo(20001);
        }
    }
}

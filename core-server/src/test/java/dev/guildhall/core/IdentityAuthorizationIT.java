package dev.guildhall.core;

import dev.guildhall.core.auth.AuthRoutes;
import dev.guildhall.core.gateway.GatewayRoutes;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Expect;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static dev.guildhall.core.support.RouteMatrix.Expect.error;
import static dev.guildhall.core.support.RouteMatrix.Expect.status;
import static dev.guildhall.core.support.RouteMatrix.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the identity routes ({@link AuthRoutes}: provisioning, users, applications;
 * {@link GatewayRoutes}): every route × no token, a bot (of another application), another user (not the
 * application's owner), the owner (or the user themself). Each row gets a fresh fixture. Fails when a route of
 * these Routes classes has no row.
 */
class IdentityAuthorizationIT {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_identity_authz");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The owner's application, a bot of another user's application, and a user who owns neither. */
    private record Fixture(Account owner, String appId, String ownBotAuth, String botAuth, Account other) {
    }

    private static Fixture fixture() {
        Account owner = api.register("idowner");
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Matrix App"));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        Account botOwner = api.register("idbotowner");
        Response foreign = api.post("/api/v10/applications", botOwner.auth(), Map.of("name", "Other App"));
        assertThat(foreign.status()).as(foreign.raw()).isEqualTo(201);
        return new Fixture(owner, app.str("id"), "Bot " + app.body().at("/bot/token").asText(),
                "Bot " + foreign.body().at("/bot/token").asText(), api.register("idother"));
    }

    /** Expected answers per caller: nobody, bot, other user, owner. */
    private record Row(String method, String template, Function<Fixture, String[]> request, Expect nobody,
                       Expect bot, Expect otherUser, Expect owner) {
        static Row all(String method, String template, Function<Fixture, String[]> request, Expect nobody,
                       Expect anyAccount) {
            return new Row(method, template, request, nobody, anyAccount, anyAccount, anyAccount);
        }
    }

    private static List<Row> rows() {
        Expect unauthorized = status(401);
        return List.of(
                Row.all("POST", "/auth/register", f -> req("/api/v10/auth/register", ApiClient.json(Map.of(
                        "username", "idnew-" + UUID.randomUUID().toString().substring(0, 8),
                        "password", "correct horse"))), status(201), status(201)),
                Row.all("POST", "/auth/login", f -> req("/api/v10/auth/login", ApiClient.json(Map.of(
                        "username", f.owner().username(), "password", "correct horse"))), status(200), status(200)),
                Row.all("GET", "/users/@me", f -> req("/api/v10/users/@me"), unauthorized, status(200)),
                Row.all("GET", "/users/{user_id}", f -> req("/api/v10/users/" + f.owner().userId()), unauthorized,
                        status(200)),
                new Row("POST", "/applications", f -> req("/api/v10/applications", "{\"name\":\"New App\"}"),
                        unauthorized, error(403, 20001), status(201), status(201)),
                new Row("PATCH", "/applications/{application_id}",
                        f -> req("/api/v10/applications/" + f.appId(), "{\"name\":\"Renamed\"}"),
                        unauthorized, error(403, 20012), error(403, 20012), status(200)),
                new Row("GET", "/applications/@me", f -> req("/api/v10/applications/@me"),
                        unauthorized, status(200), error(403, 20002), error(403, 20002)),
                new Row("GET", "/oauth2/applications/@me", f -> req("/api/v10/oauth2/applications/@me"),
                        unauthorized, status(200), error(403, 20002), error(403, 20002)),
                Row.all("GET", "/gateway/bot", f -> req("/api/v10/gateway/bot"), unauthorized, status(200)),
                Row.all("GET", "/gateway", f -> req("/api/v10/gateway"), status(200), status(200)));
    }

    @Test
    void everyIdentityRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        Set<String> registered = new TreeSet<>(RouteMatrix.registered(r -> AuthRoutes.register(r, null, null)));
        registered.addAll(RouteMatrix.registered(r -> GatewayRoutes.register(r, null)));
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registered);
        for (Row row : rows()) {
            Fixture f = fixture();
            String key = row.method() + " " + row.template();
            check(key + " as nobody", row, f, null, row.nobody());
            check(key + " as bot", row, f, f.botAuth(), row.bot());
            check(key + " as other user", row, f, f.other().auth(), row.otherUser());
            check(key + " as owner", row, f, f.owner().auth(), row.owner());
        }
    }

    private static void check(String what, Row row, Fixture f, String auth, Expect expect) {
        String[] r = row.request().apply(f);
        RouteMatrix.expect(what, api.call(row.method(), r[0], auth, r[1]), expect);
    }

    @Test
    void usersAtMeIsTheCallerAndApplicationsAtMeIsTheBotsOwn() {
        Fixture f = fixture();
        assertThat(api.get("/api/v10/users/@me", f.owner().auth()).str("id")).isEqualTo(f.owner().userId());
        Response bot = api.get("/api/v10/users/@me", f.ownBotAuth());
        assertThat(bot.body().path("bot").asBoolean()).as(bot.raw()).isTrue();
        assertThat(api.get("/api/v10/applications/@me", f.ownBotAuth()).str("id")).isEqualTo(f.appId());
        assertThat(api.get("/api/v10/oauth2/applications/@me", f.botAuth()).str("id")).isNotEqualTo(f.appId());
        // the application's own bot may change it (Discord's PATCH /applications/@me), a foreign bot may not
        Response patched = api.call("PATCH", "/api/v10/applications/" + f.appId(), f.ownBotAuth(),
                "{\"name\":\"By Its Bot\"}");
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.str("name")).isEqualTo("By Its Bot");
    }

    @Test
    void unknownUsersAndApplicationsAndBadTokens() {
        Fixture f = fixture();
        RouteMatrix.expect("unknown user", api.get("/api/v10/users/1", f.other().auth()), error(404, 10013));
        RouteMatrix.expect("unknown application", api.call("PATCH", "/api/v10/applications/1", f.owner().auth(),
                "{\"name\":\"Nope\"}"), error(404, 10002));
        RouteMatrix.expect("forged token", api.get("/api/v10/users/@me", f.owner().auth() + "x"), status(401));
        RouteMatrix.expect("forged bot token", api.get("/api/v10/gateway/bot", f.botAuth() + "x"), status(401));
    }
}

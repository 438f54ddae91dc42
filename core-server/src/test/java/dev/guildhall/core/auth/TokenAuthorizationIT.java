package dev.guildhall.core.auth;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the token routes: every route of {@link TokenRoutes} × no token, a bot, another user
 * (not the application's owner), the owner. Each call uses fresh credentials (the routes revoke them). Fails when a
 * route has no row.
 */
class TokenAuthorizationIT {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_token_authz");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Expected status (and Discord code, 0 = none) per caller: nobody, bot, other user, owner. */
    record Row(String method, String template, int[] nobody, int[] bot, int[] otherUser, int[] owner) {
    }

    private static int[] e(int status, int code) {
        return new int[]{status, code};
    }

    private static List<Row> rows() {
        return List.of(
                new Row("POST", "/auth/logout", e(401, 0), e(403, 20001), e(204, 0), e(204, 0)),
                new Row("POST", "/auth/tokens/revoke-all", e(401, 0), e(403, 20001), e(204, 0), e(204, 0)),
                new Row("POST", "/applications/{application_id}/bot/reset-token", e(401, 0), e(403, 20012),
                        e(403, 20012), e(200, 0)));
    }

    private record Fixture(Account owner, String appId, String botAuth, Account other) {
    }

    private static Fixture fixture() {
        Account owner = api.register("tokowner");
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Matrix Bot"));
        return new Fixture(owner, app.str("id"), "Bot " + app.body().at("/bot/token").asText(),
                api.register("tokother"));
    }

    private static void expect(Row row, String who, Response r, int[] expected) {
        String what = row.method() + " " + row.template() + " as " + who + ": " + r.raw();
        assertThat(r.status()).as(what).isEqualTo(expected[0]);
        if (expected[1] != 0) {
            assertThat(r.body().get("code").asInt()).as(what).isEqualTo(expected[1]);
        }
    }

    @Test
    void everyTokenRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(registeredRoutes());
        for (Row row : rows()) {
            Fixture f = fixture();
            String path = "/api/v10" + row.template().replace("{application_id}", f.appId());
            expect(row, "nobody", api.call(row.method(), path, null, ""), row.nobody());
            expect(row, "bot", api.call(row.method(), path, f.botAuth(), ""), row.bot());
            expect(row, "other user", api.call(row.method(), path, f.other().auth(), ""), row.otherUser());
            expect(row, "owner", api.call(row.method(), path, f.owner().auth(), ""), row.owner());
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> registeredRoutes() throws ReflectiveOperationException {
        Router router = new Router();
        TokenRoutes.register(router, null, null);
        Field f = Router.class.getDeclaredField("routes");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (Router.Route r : (List<Router.Route>) f.get(router)) {
            out.add(r.method().name() + " " + r.template());
        }
        return out;
    }
}

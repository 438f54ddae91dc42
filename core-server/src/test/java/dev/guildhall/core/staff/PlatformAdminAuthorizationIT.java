package dev.guildhall.core.staff;

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
import java.util.function.Function;

import static dev.guildhall.core.support.RouteMatrix.Expect.error;
import static dev.guildhall.core.support.RouteMatrix.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the platform-admin API ({@link PlatformAdminRoutes}): every route × no token, a bot, a user
 * without staff roles, an SRE (staff, not a platform admin), a platform admin. Staff routes are not guild-scoped, so
 * the callers are staff levels instead of guild permissions. Each row gets fresh accounts. Fails when a route of
 * {@code PlatformAdminRoutes} has no row.
 */
class PlatformAdminAuthorizationIT {
    private static final String ROOT = "authz-root";
    private static TestServer server;
    private static ApiClient api;
    private static Account root;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_platform_admin_authz", Map.of("platform.admin.users", ROOT));
        api = server.client();
        Response r = api.post("/api/v10/auth/register", null, Map.of("username", ROOT, "password", "correct horse"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        root = new Account(r.str("user_id"), r.str("token"), ROOT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The callers of a row, and a user the row acts on (holding SRE, so revoking it changes something). */
    private record Fixture(String botAuth, Account user, Account sre, Account admin, Account target) {
    }

    private static Fixture fixture() {
        Account appOwner = api.register("pa-app");
        Response app = api.post("/api/v10/applications", appOwner.auth(), Map.of("name", "Staff Matrix App"));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        Account sre = api.register("pa-sre");
        grant(sre, "SRE");
        Account admin = api.register("pa-admin");
        grant(admin, "PLATFORM_ADMIN");
        Account target = api.register("pa-target");
        grant(target, "SRE");
        return new Fixture("Bot " + app.body().at("/bot/token").asText(), api.register("pa-user"), sre, admin,
                target);
    }

    private static void grant(Account who, String role) {
        Response r = api.call("PUT", "/api/v10/admin/staff/" + who.userId() + "/roles/" + role, root.auth(), null,
                Map.of("X-Audit-Log-Reason", "matrix%20fixture"));
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
    }

    /** Expected answers per caller: nobody, bot, user, SRE, platform admin. */
    private record Row(String method, String template, Function<Fixture, String> path, Expect nobody, Expect bot,
                       Expect user, Expect sre, Expect admin) {
        /** A platform-admin route: 401 without a token, 20001 for bots, 50013 for everyone else but admins. */
        static Row adminOnly(String method, String template, Function<Fixture, String> path, int ok) {
            Expect refused = error(403, 50013);
            return new Row(method, template, path, status(401), error(403, 20001), refused, refused, status(ok));
        }
    }

    private static List<Row> rows() {
        return List.of(
                new Row("GET", "/users/@me/staff-roles", f -> "/users/@me/staff-roles", status(401), status(200),
                        status(200), status(200), status(200)),
                Row.adminOnly("GET", "/admin/users", f -> "/admin/users?query=pa-", 200),
                Row.adminOnly("GET", "/admin/guilds", f -> "/admin/guilds?query=x", 200),
                Row.adminOnly("GET", "/admin/staff", f -> "/admin/staff", 200),
                Row.adminOnly("PUT", "/admin/staff/{user_id}/roles/{role}",
                        f -> "/admin/staff/" + f.target().userId() + "/roles/TRUST_SAFETY", 204),
                Row.adminOnly("DELETE", "/admin/staff/{user_id}/roles/{role}",
                        f -> "/admin/staff/" + f.target().userId() + "/roles/SRE", 204),
                Row.adminOnly("GET", "/admin/audit-log", f -> "/admin/audit-log?limit=5", 200));
    }

    @Test
    void everyPlatformAdminRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        Set<String> registered = RouteMatrix.registered(r -> PlatformAdminRoutes.register(r, null, null));
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registered);
        for (Row row : rows()) {
            Fixture f = fixture();
            String key = row.method() + " " + row.template();
            check(key + " as nobody", row, f, null, row.nobody());
            check(key + " as bot", row, f, f.botAuth(), row.bot());
            check(key + " as user", row, f, f.user().auth(), row.user());
            check(key + " as SRE", row, f, f.sre().auth(), row.sre());
            check(key + " as platform admin", row, f, f.admin().auth(), row.admin());
        }
    }

    private static void check(String what, Row row, Fixture f, String auth, Expect expect) {
        Response r = api.call(row.method(), "/api/v10" + row.path().apply(f), auth, null,
                Map.of("X-Audit-Log-Reason", "authorization%20matrix"));
        RouteMatrix.expect(what, r, expect);
    }
}

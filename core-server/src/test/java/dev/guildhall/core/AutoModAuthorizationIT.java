package dev.guildhall.core;

import dev.guildhall.core.automod.AutoModRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.guildhall.core.support.RouteMatrix.req;

/** Authorization matrix of every auto moderation route (MANAGE_GUILD; fails when a route has no row). */
class AutoModAuthorizationIT {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_automod_authz");
        g = new GuildFixture(server, "amauthzowner", "AutoMod Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A KEYWORD rule body with a fresh name. */
    private static String body() {
        return "{\"name\":\"r" + NAMES.incrementAndGet() + "\",\"event_type\":1,\"trigger_type\":1,"
                + "\"trigger_metadata\":{\"keyword_filter\":[\"nope\"]},\"actions\":[{\"type\":1}]}";
    }

    /** A rule made by the owner, for the routes that act on one (after {@link #cleanUp()}). */
    private static String rule() {
        cleanUp();
        Response r = g.api.call("POST", rules(), g.owner.auth(), body());
        if (r.status() != 200) {
            throw new AssertionError("create rule failed: " + r.raw());
        }
        return rules() + "/" + r.str("id");
    }

    private static String rules() {
        return g.guildPath() + "/auto-moderation/rules";
    }

    @Test
    void everyAutoModRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        long manage = Permissions.MANAGE_GUILD;
        String kept = rule();
        // at most six KEYWORD rules per guild: POST and DELETE requests first remove all rules but this one
        RouteMatrix.verify(g, RouteMatrix.registered(r -> AutoModRoutes.register(r, null)), List.of(
                Row.needs("GET", "/guilds/{guild_id}/auto-moderation/rules", manage, 200, a -> req(rules())),
                Row.needs("GET", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}", manage, 200, a -> req(kept)),
                Row.needs("POST", "/guilds/{guild_id}/auto-moderation/rules", manage, 200, a -> {
                    cleanUp();
                    return req(rules(), body());
                }),
                Row.needs("PATCH", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}", manage, 200,
                        a -> req(kept, "{\"enabled\":false}")),
                Row.needs("DELETE", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}", manage, 204,
                        a -> req(rule()))));
    }

    /** Keeps the guild below six KEYWORD rules: removes every rule but the first. */
    private static void cleanUp() {
        Response list = g.api.get(rules(), g.owner.auth());
        for (int i = 1; i < list.body().size(); i++) {
            g.api.call("DELETE", rules() + "/" + list.body().get(i).get("id").asText(), g.owner.auth(), null);
        }
    }
}

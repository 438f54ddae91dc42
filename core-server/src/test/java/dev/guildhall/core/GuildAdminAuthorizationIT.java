package dev.guildhall.core;

import dev.guildhall.core.guilds.GuildAdminRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.guildhall.core.support.RouteMatrix.req;

/** Authorization matrix of the guild settings and deletion routes (fails when a registered route has no row). */
class GuildAdminAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_guild_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyGuildAdminRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        RouteMatrix.verify(g, RouteMatrix.registered(r -> GuildAdminRoutes.register(r, null)), List.of(
                Row.needs("PATCH", "/guilds/{guild_id}", Permissions.MANAGE_GUILD, 200,
                        a -> req(g.guildPath(), "{\"name\":\"Renamed\"}")),
                // owner only: even an administrator gets 50013; runs last (the owner deletes the guild)
                Row.needs("DELETE", "/guilds/{guild_id}", Permissions.ADMINISTRATOR, 204, a -> req(g.guildPath()))
                        .with(403, 50013)));
    }
}

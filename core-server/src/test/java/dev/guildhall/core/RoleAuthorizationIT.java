package dev.guildhall.core;

import dev.guildhall.core.roles.RoleRoutes;
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

/** Authorization matrix of every role route (fails when a registered role route has no row). */
class RoleAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_role_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRoleRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        String roles = g.guildPath() + "/roles";
        long manage = Permissions.MANAGE_ROLES;
        RouteMatrix.verify(g, RouteMatrix.registered(r -> RoleRoutes.register(r, null)), List.of(
                Row.members("GET", "/guilds/{guild_id}/roles", 200, a -> req(roles)),
                Row.members("GET", "/guilds/{guild_id}/roles/{role_id}", 200, a -> req(roles + "/" + g.guildId)),
                Row.needs("POST", "/guilds/{guild_id}/roles", manage, 200, a -> req(roles, "{\"name\":\"n\"}")),
                Row.needs("PATCH", "/guilds/{guild_id}/roles/{role_id}", manage, 200,
                        a -> req(roles + "/" + g.role("target", 0), "{\"name\":\"renamed\"}")),
                Row.needs("PATCH", "/guilds/{guild_id}/roles", manage, 200,
                        a -> req(roles, "[{\"id\":\"" + g.role("moved", 0) + "\",\"position\":1}]")),
                Row.needs("DELETE", "/guilds/{guild_id}/roles/{role_id}", manage, 204,
                        a -> req(roles + "/" + g.role("doomed", 0)))));
    }
}

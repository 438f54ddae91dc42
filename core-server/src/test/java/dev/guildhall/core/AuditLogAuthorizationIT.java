package dev.guildhall.core;

import dev.guildhall.core.auditlog.AuditLogRoutes;
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

/** Authorization matrix of the audit log route (fails when a registered audit log route has no row). */
class AuditLogAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_audit_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyAuditLogRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        RouteMatrix.verify(g, RouteMatrix.registered(r -> AuditLogRoutes.register(r, null)), List.of(
                Row.needs("GET", "/guilds/{guild_id}/audit-logs", Permissions.VIEW_AUDIT_LOG, 200,
                        a -> req(g.guildPath() + "/audit-logs?limit=5"))));
    }
}

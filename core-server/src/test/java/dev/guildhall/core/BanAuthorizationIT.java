package dev.guildhall.core;

import dev.guildhall.core.bans.BanRoutes;
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

/** Authorization matrix of every ban route (fails when a registered ban route has no row). */
class BanAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_ban_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A user the owner banned. */
    private static String banned() {
        String id = g.api.register("banned").userId();
        g.ban(id);
        return id;
    }

    @Test
    void everyBanRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        String bans = g.guildPath() + "/bans";
        long ban = Permissions.BAN_MEMBERS;
        RouteMatrix.verify(g, RouteMatrix.registered(r -> BanRoutes.register(r, null)), List.of(
                Row.needs("GET", "/guilds/{guild_id}/bans", ban, 200, a -> req(bans)),
                Row.needs("GET", "/guilds/{guild_id}/bans/{user_id}", ban, 200, a -> req(bans + "/" + banned())),
                Row.needs("PUT", "/guilds/{guild_id}/bans/{user_id}", ban, 204,
                        a -> req(bans + "/" + g.member("target").userId(), "{\"delete_message_seconds\":60}")),
                Row.needs("DELETE", "/guilds/{guild_id}/bans/{user_id}", ban, 204, a -> req(bans + "/" + banned()))));
    }
}

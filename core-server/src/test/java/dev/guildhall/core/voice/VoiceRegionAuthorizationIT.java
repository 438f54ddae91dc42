package dev.guildhall.core.voice;

import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.guildhall.core.support.RouteMatrix.req;

/** Authorization matrix of the voice region routes: any user for the global list, members for a guild's. */
class VoiceRegionAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("voice_region_authz");
        g = new GuildFixture(server, "regionowner", "Region Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRegionRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        RouteMatrix.verify(g, RouteMatrix.registered(r -> VoiceRegionRoutes.register(r, null, null)), List.of(
                Row.members("GET", "/voice/regions", 200, a -> req("/api/v10/voice/regions")).nonMember(200, null),
                Row.members("GET", "/guilds/{guild_id}/regions", 200, a -> req(g.guildPath() + "/regions"))));
    }
}

package dev.guildhall.core;

import dev.guildhall.core.invites.InviteRoutes;
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

/** Authorization matrix of every invite route (fails when a registered invite route has no row). */
class InviteAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_invite_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyInviteRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        String channelInvites = "/api/v10/channels/" + g.channelId + "/invites";
        RouteMatrix.verify(g, RouteMatrix.registered(r -> InviteRoutes.register(r, null)), List.of(
                Row.needs("POST", "/channels/{channel_id}/invites", Permissions.CREATE_INSTANT_INVITE, 200,
                        a -> req(channelInvites, "{\"max_age\":60}")).fromEveryone(),
                Row.needs("GET", "/channels/{channel_id}/invites", Permissions.MANAGE_CHANNELS, 200,
                        a -> req(channelInvites)),
                Row.needs("GET", "/guilds/{guild_id}/invites", Permissions.MANAGE_GUILD, 200,
                        a -> req(g.guildPath() + "/invites")),
                // public: anyone may look an invite up
                Row.members("GET", "/invites/{code}", 200, a -> req("/api/v10/invites/" + g.invite()))
                        .nobody(200, null).nonMember(200, null),
                // joining: a non-member joins, a member stays one
                Row.members("POST", "/invites/{code}", 200, a -> req("/api/v10/invites/" + g.invite(), ""))
                        .nonMember(200, null),
                Row.needs("DELETE", "/invites/{code}", Permissions.MANAGE_CHANNELS, 200,
                        a -> req("/api/v10/invites/" + g.invite()))));
    }
}

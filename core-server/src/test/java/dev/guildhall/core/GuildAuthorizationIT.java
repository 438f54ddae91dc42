package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.channels.VoiceJoinRoutes;
import dev.guildhall.core.guilds.GuildRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.guildhall.core.support.RouteMatrix.Expect.error;
import static dev.guildhall.core.support.RouteMatrix.Expect.status;
import static dev.guildhall.core.support.RouteMatrix.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the guild routes ({@link GuildRoutes}) and the voice join ({@link VoiceJoinRoutes}):
 * every route × no token, non-member, member without the permission, member with it, owner. Fails when a route of
 * these Routes classes has no row.
 */
class GuildAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;
    private static String voiceId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_guild_authz");
        g = new GuildFixture(server, "gauthzowner", "Guild Authz");
        voiceId = g.api.voiceChannel(g.owner, g.guildId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyGuildRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        Set<String> registered = new TreeSet<>(RouteMatrix.registered(r -> GuildRoutes.register(r, null)));
        registered.addAll(RouteMatrix.registered(r -> VoiceJoinRoutes.register(r, null, null, null)));
        String guild = g.guildPath();
        RouteMatrix.verify(g, registered, List.of(
                // any account may create a guild (it becomes its owner)
                Row.members("POST", "/guilds", 201, a -> req("/api/v10/guilds", "{\"name\":\"Made Here\"}"))
                        .nonMember(201, null),
                Row.members("GET", "/guilds/{guild_id}", 200, a -> req(guild)),
                // members see the channels they may view (see channelListHidesWhatTheMemberCannotView)
                Row.members("GET", "/guilds/{guild_id}/channels", 200, a -> req(guild + "/channels")),
                Row.members("GET", "/guilds/{guild_id}/members/{user_id}", 200,
                        a -> req(guild + "/members/" + g.owner.userId())),
                // the caller's own guilds: an outsider gets its (other) guilds, not this one
                Row.members("GET", "/users/@me/guilds", 200, a -> req("/api/v10/users/@me/guilds"))
                        .nonMember(200, null),
                Row.needs("POST", "/channels/{channel_id}/voice/join", Permissions.CONNECT, 200,
                        a -> req("/api/v10/channels/" + voiceId + "/voice/join", "")).fromEveryone()));
    }

    @Test
    void channelListHidesWhatTheMemberCannotView() {
        Account member = g.member("gauthzhidden");
        Response deny = g.api.call("PUT", "/api/v10/channels/" + voiceId + "/permissions/" + member.userId(),
                g.owner.auth(), "{\"type\":1,\"allow\":\"0\",\"deny\":\"" + Permissions.VIEW_CHANNEL + "\"}");
        assertThat(deny.status()).as(deny.raw()).isEqualTo(204);
        assertThat(ids(g.api.get(g.guildPath() + "/channels", member.auth()).body())).contains(g.channelId)
                .doesNotContain(voiceId);
        assertThat(ids(g.api.get(g.guildPath() + "/channels", g.owner.auth()).body())).contains(g.channelId, voiceId);
        // a member who cannot see the voice channel cannot join it either (Missing Access, as for any hidden channel)
        RouteMatrix.expect("join hidden voice", g.api.call("POST", "/api/v10/channels/" + voiceId + "/voice/join",
                member.auth(), ""), error(403, 50001));
    }

    @Test
    void outsidersLearnNothingAndUnknownIdsAreReported() {
        Account outsider = g.api.register("gauthzout");
        List<String> theirs = ids(g.api.get("/api/v10/users/@me/guilds", outsider.auth()).body());
        assertThat(theirs).doesNotContain(g.guildId);
        RouteMatrix.expect("unknown guild", g.api.get("/api/v10/guilds/1", outsider.auth()), error(404, 10004));
        RouteMatrix.expect("member of another guild", g.api.get(g.guildPath() + "/members/" + outsider.userId(),
                g.owner.auth()), error(404, 10007));
        RouteMatrix.expect("join a text channel", g.api.call("POST", "/api/v10/channels/" + g.channelId
                + "/voice/join", g.owner.auth(), ""), error(400, 50024));
        RouteMatrix.expect("join an unknown channel", g.api.call("POST", "/api/v10/channels/1/voice/join",
                g.owner.auth(), ""), error(404, 10003));
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("id").asText()));
        return out;
    }
}

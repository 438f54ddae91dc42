package dev.guildhall.core;

import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.members.MemberRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Row;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.core.support.VoiceJoins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.guildhall.core.support.RouteMatrix.req;

/**
 * Authorization matrix of every member route (fails when a registered member route has no row), and of each voice
 * field of PATCH member ({@code mute}, {@code deaf}, {@code channel_id}) on a member connected to voice.
 */
class MemberAuthorizationIT {
    private static TestServer server;
    private static GuildFixture g;
    private static String voice;
    private static String afk;
    private static final List<GatewayClient> connected = new ArrayList<>();
    private static int targets;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_member_authz");
        g = new GuildFixture(server, "authzowner", "Authz Guild");
        voice = g.api.voiceChannel(g.owner, g.guildId);
        afk = g.api.post(g.guildPath() + "/channels", g.owner.auth(), Map.of("name", "AFK", "type", 2)).str("id");
    }

    @AfterAll
    static void stop() {
        connected.forEach(GatewayClient::close);
        if (server != null) {
            server.close();
        }
    }

    private static String member(String userId) {
        return g.guildPath() + "/members/" + userId;
    }

    /** A new member in the guild's voice channel (its gateway session stays open); the path of the member. */
    private static String inVoice() {
        try {
            var target = g.member("vtarget" + targets++);
            GatewayClient gw = g.gateway(target, Intents.GUILDS | Intents.GUILD_VOICE_STATES);
            connected.add(gw);
            VoiceJoins.join(gw, g.guildId, voice);
            return member(target.userId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyMemberRouteHasARowAndEachCallerGetsTheDocumentedAnswer() {
        RouteMatrix.verify(g, RouteMatrix.registered(r -> MemberRoutes.register(r, null)), List.of(
                Row.members("GET", "/guilds/{guild_id}/members", 200, a -> req(g.guildPath() + "/members?limit=5")),
                Row.members("GET", "/guilds/{guild_id}/members/search", 200,
                        a -> req(g.guildPath() + "/members/search?query=mx")),
                Row.needs("PATCH", "/guilds/{guild_id}/members/@me", Permissions.CHANGE_NICKNAME, 200,
                        a -> req(member("@me"), "{\"nick\":\"me\"}")).fromEveryone(),
                Row.needs("PATCH", "/guilds/{guild_id}/members/{user_id}", Permissions.MANAGE_NICKNAMES, 200,
                        a -> req(member(g.member("nicked").userId()), "{\"nick\":\"nick\"}")),
                Row.needs("PATCH", "/guilds/{guild_id}/members/{user_id}", Permissions.MUTE_MEMBERS, 200,
                        a -> req(inVoice(), "{\"mute\":true}")),
                Row.needs("PATCH", "/guilds/{guild_id}/members/{user_id}", Permissions.DEAFEN_MEMBERS, 200,
                        a -> req(inVoice(), "{\"deaf\":true}")),
                Row.needs("PATCH", "/guilds/{guild_id}/members/{user_id}", Permissions.MOVE_MEMBERS, 200,
                        a -> req(inVoice(), "{\"channel_id\":\"" + afk + "\"}")),
                Row.needs("PATCH", "/guilds/{guild_id}/members/{user_id}", Permissions.MOVE_MEMBERS, 200,
                        a -> req(inVoice(), "{\"channel_id\":null}")),
                Row.needs("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", Permissions.MANAGE_ROLES,
                        204, a -> req(member(g.member("given").userId()) + "/roles/" + g.role("given", 0))),
                Row.needs("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", Permissions.MANAGE_ROLES,
                        204, a -> {
                            var target = g.member("taken");
                            String role = g.role("taken", 0);
                            g.grant(target, role);
                            return req(member(target.userId()) + "/roles/" + role);
                        }),
                Row.needs("DELETE", "/guilds/{guild_id}/members/{user_id}", Permissions.KICK_MEMBERS, 204,
                        a -> req(member(g.member("kicked").userId()))),
                Row.members("DELETE", "/users/@me/guilds/{guild_id}", 204,
                        a -> req("/api/v10/users/@me/guilds/" + g.guildId))
                        .nonMember(404, 10004).owner(400, 50055)));
    }
}

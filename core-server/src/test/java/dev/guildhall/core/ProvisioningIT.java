package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioning contract of DESIGN.md over real HTTP: accounts, bots, guilds, invites, gateway info. */
class ProvisioningIT {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_provisioning");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registerLoginAndBadLogin() {
        Response reg = api.post("/api/v10/auth/register", null, Map.of("username", "Alice-Prov", "password", "s3cret-pass"));
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.str("user_id")).matches("\\d{15,20}");
        assertThat(reg.str("token")).isNotBlank();

        Response me = api.get("/api/v10/users/@me", reg.str("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.str("id")).isEqualTo(reg.str("user_id"));
        assertThat(me.str("username")).isEqualTo("Alice-Prov");
        assertThat(me.str("discriminator")).isEqualTo("0");
        assertThat(me.body().get("bot").asBoolean()).isFalse();

        Response login = api.post("/api/v10/auth/login", null, Map.of("username", "alice-prov", "password", "s3cret-pass"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.str("user_id")).isEqualTo(reg.str("user_id"));
        assertThat(api.get("/api/v10/users/@me", login.str("token")).status()).isEqualTo(200);

        Response bad = api.post("/api/v10/auth/login", null, Map.of("username", "Alice-Prov", "password", "wrong-pass"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body().get("code").asInt()).isEqualTo(0);
        assertThat(bad.str("message")).isEqualTo("401: Unauthorized");
        Response unknown = api.post("/api/v10/auth/login", null, Map.of("username", "nobody-here", "password", "whatever1"));
        assertThat(unknown.status()).isEqualTo(401);

        Response dup = api.post("/api/v10/auth/register", null, Map.of("username", "ALICE-prov", "password", "another-pass"));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body().get("code").asInt()).isEqualTo(50035);
        assertThat(dup.body().at("/errors/username/_errors/0/code").asText()).isEqualTo("USERNAME_ALREADY_TAKEN");

        Response invalid = api.post("/api/v10/auth/register", null, Map.of("username", "x", "password", "short"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().at("/errors/username/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");
        assertThat(invalid.body().at("/errors/password/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");

        Response noToken = api.get("/api/v10/users/@me", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.raw()).isEqualTo("{\"message\":\"401: Unauthorized\",\"code\":0}");
        assertThat(api.get("/api/v10/users/@me", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void applicationGivesABotTokenThatWorksOnlyAsBot() {
        Account owner = api.register("appowner");
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Helper Bot", "flags", 1 << 18));
        assertThat(app.status()).isEqualTo(201);
        assertThat(app.str("id")).matches("\\d+");
        assertThat(app.body().get("flags").asInt()).isEqualTo(1 << 18);
        assertThat(app.body().at("/owner/id").asText()).isEqualTo(owner.userId());
        JsonNode bot = app.body().get("bot");
        assertThat(bot.get("username").asText()).isEqualTo("Helper Bot");
        String botToken = bot.get("token").asText();
        assertThat(botToken).isNotBlank();

        Response me = api.get("/api/v10/users/@me", "Bot " + botToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.str("id")).isEqualTo(bot.get("id").asText());
        assertThat(me.body().get("bot").asBoolean()).isTrue();
        // a bot token without the "Bot " prefix is not a user token
        assertThat(api.get("/api/v10/users/@me", botToken).status()).isEqualTo(401);
        // nor a user token with it
        assertThat(api.get("/api/v10/users/@me", "Bot " + owner.token()).status()).isEqualTo(401);

        Response current = api.get("/api/v10/oauth2/applications/@me", "Bot " + botToken);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.str("id")).isEqualTo(app.str("id"));
        assertThat(current.body().at("/bot/token").isMissingNode()).isTrue();

        Response patched = api.call("PATCH", "/api/v10/applications/" + app.str("id"), owner.auth(),
                "{\"flags\": 16384}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("flags").asInt()).isEqualTo(16384);

        Account stranger = api.register("stranger");
        Response foreign = api.call("PATCH", "/api/v10/applications/" + app.str("id"), stranger.auth(), "{\"flags\": 0}");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().get("code").asInt()).isEqualTo(20012);

        Response gw = api.get("/api/v10/gateway/bot", "Bot " + botToken);
        assertThat(gw.status()).isEqualTo(200);
        assertThat(gw.str("url")).isEqualTo("ws://127.0.0.1:" + server.port() + "/gateway");
        assertThat(gw.body().get("shards").asInt()).isEqualTo(1);
        assertThat(gw.body().at("/session_start_limit/max_concurrency").asInt()).isEqualTo(1);
        assertThat(gw.body().at("/session_start_limit/remaining").asInt()).isPositive();
        assertThat(api.get("/api/v10/gateway", null).str("url")).endsWith("/gateway");
    }

    @Test
    void guildCreationMakesDefaultChannelsAndRoles() {
        Account owner = api.register("guildowner");
        JsonNode guild = api.createGuild(owner, "Prov Guild");
        String guildId = guild.get("id").asText();
        assertThat(guild.get("name").asText()).isEqualTo("Prov Guild");
        assertThat(guild.get("owner_id").asText()).isEqualTo(owner.userId());
        JsonNode everyone = guild.get("roles").get(0);
        assertThat(everyone.get("id").asText()).isEqualTo(guildId);
        assertThat(everyone.get("name").asText()).isEqualTo("@everyone");
        long perms = Long.parseLong(everyone.get("permissions").asText());
        assertThat(perms & (1L << 10)).as("VIEW_CHANNEL").isNotZero();
        assertThat(perms & (1L << 11)).as("SEND_MESSAGES").isNotZero();
        assertThat(perms & (1L << 3)).as("not ADMINISTRATOR").isZero();

        Response channels = api.get("/api/v10/guilds/" + guildId + "/channels", owner.auth());
        assertThat(channels.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode ch : channels.body()) {
            names.add(ch.get("type").asInt() + ":" + ch.get("name").asText());
            assertThat(ch.get("guild_id").asText()).isEqualTo(guildId);
            assertThat(ch.has("position")).isTrue();
            if (ch.get("type").asInt() == 2) {
                assertThat(ch.get("bitrate").asInt()).isEqualTo(64000);
                assertThat(ch.get("user_limit").asInt()).isZero();
            }
        }
        assertThat(names).containsExactlyInAnyOrder("0:general", "2:General");

        Response fetched = api.get("/api/v10/guilds/" + guildId, owner.auth());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.str("id")).isEqualTo(guildId);

        Response mine = api.get("/api/v10/users/@me/guilds", owner.auth());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).hasSize(1);
        assertThat(mine.body().get(0).get("owner").asBoolean()).isTrue();
        assertThat(mine.body().get(0).get("permissions").isTextual()).isTrue();

        Response self = api.get("/api/v10/guilds/" + guildId + "/members/" + owner.userId(), owner.auth());
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.body().at("/user/id").asText()).isEqualTo(owner.userId());
        assertThat(self.body().get("roles").isArray()).isTrue();
        assertThat(self.body().get("joined_at").asText()).isNotBlank();

        Account outsider = api.register("outsider");
        Response notMember = api.get("/api/v10/guilds/" + guildId + "/members/" + outsider.userId(), owner.auth());
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(notMember.body().get("code").asInt()).isEqualTo(10007);
        Response user = api.get("/api/v10/users/" + outsider.userId(), owner.auth());
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.str("username")).isEqualTo(outsider.username());
        assertThat(user.body().has("email")).isFalse();
        assertThat(api.get("/api/v10/users/1234567890123", owner.auth()).body().get("code").asInt()).isEqualTo(10013);
        Response denied = api.get("/api/v10/guilds/" + guildId, outsider.auth());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asInt()).isEqualTo(50001);
        Response unknown = api.get("/api/v10/guilds/123456789012345678", outsider.auth());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asInt()).isEqualTo(10004);
        assertThat(api.get("/api/v10/users/@me/guilds", outsider.auth()).body()).isEmpty();
    }

    @Test
    void inviteLetsUsersAndBotsJoin() {
        Account owner = api.register("inviter");
        String guildId = api.createGuild(owner, "Invite Guild").get("id").asText();
        String channelId = api.textChannel(owner, guildId);

        Response invite = api.post("/api/v10/channels/" + channelId + "/invites", owner.auth(),
                Map.of("max_age", 3600, "max_uses", 2, "temporary", false));
        assertThat(invite.status()).isEqualTo(200);
        String code = invite.str("code");
        assertThat(code).isNotBlank();
        assertThat(invite.body().at("/guild/id").asText()).isEqualTo(guildId);
        assertThat(invite.body().at("/channel/id").asText()).isEqualTo(channelId);
        assertThat(invite.body().get("max_uses").asInt()).isEqualTo(2);
        assertThat(invite.body().get("max_age").asInt()).isEqualTo(3600);
        assertThat(invite.body().get("expires_at").asText()).isNotBlank();
        assertThat(invite.body().at("/inviter/id").asText()).isEqualTo(owner.userId());

        Response looked = api.get("/api/v10/invites/" + code, null);
        assertThat(looked.status()).isEqualTo(200);
        assertThat(looked.body().at("/guild/name").asText()).isEqualTo("Invite Guild");

        Account joiner = api.register("joiner");
        assertThat(api.get("/api/v10/guilds/" + guildId, joiner.auth()).status()).isEqualTo(403);
        Response join = api.post("/api/v10/invites/" + code, joiner.auth(), "");
        assertThat(join.status()).isEqualTo(200);
        assertThat(api.get("/api/v10/guilds/" + guildId, joiner.auth()).status()).isEqualTo(200);
        assertThat(api.get("/api/v10/users/@me/guilds", joiner.auth()).body().get(0).get("owner").asBoolean()).isFalse();

        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Joiner Bot"));
        String botAuth = "Bot " + app.body().at("/bot/token").asText();
        Response botJoin = api.post("/api/v10/invites/" + code, botAuth, "");
        assertThat(botJoin.status()).isEqualTo(200);
        assertThat(api.get("/api/v10/guilds/" + guildId + "/channels", botAuth).status()).isEqualTo(200);

        // max_uses 2 is used up now
        Account late = api.register("late");
        Response exhausted = api.post("/api/v10/invites/" + code, late.auth(), "");
        assertThat(exhausted.status()).isEqualTo(404);
        assertThat(exhausted.body().get("code").asInt()).isEqualTo(10006);
        assertThat(api.get("/api/v10/invites/doesnotexist", null).body().get("code").asInt()).isEqualTo(10006);

        // outsiders cannot create invites for the channel
        Response foreign = api.post("/api/v10/channels/" + channelId + "/invites", late.auth(), Map.of());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().get("code").asInt()).isEqualTo(50001);
    }

    @Test
    void healthAndMetrics() {
        Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw()).isEqualTo("{\"status\":\"UP\"}");
        api.get("/api/v10/users/@me", null);
        ApiClient.Response metrics = api.call("GET", "/metrics", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("http_server_requests_seconds_count")
                .contains("route=\"/api/v10/users/@me\"").contains("status=\"401\"")
                .contains("guildhall_gateway_sessions").contains("guildhall_outbox_pending");
    }
}

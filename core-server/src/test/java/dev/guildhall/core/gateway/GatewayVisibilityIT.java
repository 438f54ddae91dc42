package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VIEW_CHANNEL gating of channel dispatches over real sessions: a member whose @everyone loses VIEW_CHANNEL stops
 * receiving the channel's MESSAGE_CREATE, a member with a role that grants it keeps receiving, and the answer
 * follows further changes (cache invalidated, never stale).
 */
class GatewayVisibilityIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1200);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.GUILD_MESSAGE_TYPING;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account viewer;
    private static long guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_gateway_visibility", Map.of("gateway.heartbeat.interval.ms", "30000"));
        api = server.client();
        owner = api.register("visowner");
        plain = api.register("visplain");
        viewer = api.register("visviewer");
        guildId = Long.parseLong(api.createGuild(owner, "Visibility").get("id").asText());
        channelId = api.textChannel(owner, String.valueOf(guildId));
        api.invite(owner, channelId, plain.auth());
        api.invite(owner, channelId, viewer.auth());
        long roleId = guildId + 1;
        server.sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'viewer', ?, 1)",
                roleId, guildId, Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
        server.sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", guildId,
                Long.parseLong(viewer.userId()), roleId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient identified(Account a) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        gw.identify(a.token(), INTENTS);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static String post(String content) {
        ApiClient.Response r = api.sendMessage(owner.auth(), channelId, content);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static void everyone(long permissions) throws Exception {
        server.sql("UPDATE roles SET permissions = ? WHERE id = ?", permissions, guildId);
    }

    private static void assertReceives(GatewayClient gw, String messageId) throws InterruptedException {
        JsonNode m = gw.nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(m).as("MESSAGE_CREATE " + messageId).isNotNull();
        assertThat(m.at("/d/id").asText()).isEqualTo(messageId);
    }

    @Test
    void memberWhoLosesViewChannelStopsReceivingTheChannelWhileOthersStillDo() throws Exception {
        ChannelVisibility visibility = server.server().channelVisibility();
        try (GatewayClient plainGw = identified(plain); GatewayClient viewerGw = identified(viewer);
             GatewayClient ownerGw = identified(owner)) {
            String first = post("everyone sees this");
            assertReceives(plainGw, first);
            assertReceives(viewerGw, first);
            assertReceives(ownerGw, first);

            // the deny, made the strict way: a permission change open around the transaction
            try (ChannelVisibility.PermissionChange change = visibility.permissionChange(guildId)) {
                everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
            }
            String hidden = post("only viewers see this");
            assertReceives(viewerGw, hidden);
            assertReceives(ownerGw, hidden);
            assertThat(plainGw.nextDispatch("MESSAGE_CREATE", QUIET)).as("no MESSAGE_CREATE without VIEW_CHANNEL")
                    .isNull();

            // allowed again (SQL, then the invalidation hook): the cached "false" does not outlive it
            everyone(Permissions.DEFAULT_EVERYONE);
            visibility.invalidate(guildId);
            String visible = post("visible again");
            assertReceives(plainGw, visible);
            assertReceives(viewerGw, visible);

            // denied again through a permission-affecting dispatch passing the bus (as GUILD_ROLE_UPDATE does)
            everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
            visibility.observe(guildId, Dispatch.guildWide("GUILD_ROLE_UPDATE", ApiClient.JSON.createObjectNode(),
                    Intents.GUILDS));
            String again = post("hidden again");
            assertReceives(viewerGw, again);
            assertThat(plainGw.nextDispatch("MESSAGE_CREATE", QUIET)).isNull();

            // typing in the channel is gated the same way; the plain member's session is still healthy
            assertThat(api.post("/api/v10/channels/" + channelId + "/typing", owner.auth(), "").status())
                    .isEqualTo(204);
            assertThat(viewerGw.nextDispatch("TYPING_START", WAIT)).isNotNull();
            assertThat(plainGw.nextDispatch("TYPING_START", QUIET)).isNull();
            plainGw.heartbeat(null);
            assertThat(plainGw.nextNonAck(Duration.ofMillis(300))).isNull();
        } finally {
            everyone(Permissions.DEFAULT_EVERYONE);
            visibility.invalidate(guildId);
        }
    }
}

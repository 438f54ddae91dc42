package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.GatewayNodeServer;
import dev.guildhall.core.config.ConfigLoader;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.testkit.TcpProxy;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voice for sessions on a gateway node: op 4 sent to the node is applied by the primary (CONNECT, user limit), the
 * node session gets VOICE_STATE_UPDATE and its own VOICE_SERVER_UPDATE, whose token opens the voice gateway (READY);
 * a primary session sees the voice state; when the node session closes, or the node's link is lost, its voice state
 * ends on the primary and its voice connection is closed (4014).
 */
class GatewayNodeVoiceIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SECRET = "gateway-node-voice-it-secret";
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_VOICE_STATES;

    private static TestServer primary;
    private static TcpProxy proxy;
    private static GatewayNodeServer node;

    @BeforeAll
    static void start() throws Exception {
        primary = TestServer.start("core_gateway_node_voice", Map.of("gateway.link.enabled", "true",
                "gateway.link.port", "0", "gateway.link.secret", SECRET));
        proxy = new TcpProxy(primary.server().gatewayLinkPort());
        Map<String, String> settings = new HashMap<>(primary.settings());
        settings.put("node.role", "gateway");
        settings.put("gateway.link.enabled", "false");
        settings.put("gateway.link.primary", "127.0.0.1:" + proxy.port());
        settings.put("gateway.link.reconnect.ms", "100");
        settings.put("pg.pool.size", "3");
        node = GatewayNodeServer.start(ConfigLoader.fromMap(settings));
        assertThat(node.link().awaitLinked(WAIT)).as("node linked to the primary").isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    private static GatewayClient onNode(Account a) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + node.httpPort() + "/gateway/?v=10&encoding=json");
        gw.identify(a.token(), INTENTS);
        assertThat(gw.nextDispatch("READY", WAIT)).as("READY on the node").isNotNull();
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).as("GUILD_CREATE on the node").isNotNull();
        return gw;
    }

    private static void op4(GatewayClient gw, String guildId, String channelId) {
        ObjectNode op4 = ApiClient.JSON.createObjectNode().put("op", 4);
        ObjectNode d = op4.putObject("d").put("guild_id", guildId).put("self_mute", false).put("self_deaf", false);
        if (channelId == null) {
            d.putNull("channel_id");
        } else {
            d.put("channel_id", channelId);
        }
        gw.send(op4);
    }

    /** The next VOICE_STATE_UPDATE about the user (channel null: a leave). */
    private static JsonNode nextState(GatewayClient gw, String userId, boolean leave) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch("VOICE_STATE_UPDATE", Duration.ofMillis(300));
            if (p != null && p.at("/d/user_id").asText().equals(userId) && p.at("/d/channel_id").isNull() == leave) {
                return p.get("d");
            }
        }
        return null;
    }

    @Test
    void aNodeSessionJoinsVoiceThroughThePrimaryAndLeavesWithItsSession() throws Exception {
        GuildFixture g = new GuildFixture(primary, "gwnv_owner", "Node voice");
        Account alice = g.member("gwnv_alice");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        VoiceGateway voiceGateway = primary.server().voiceGateway();
        try (GatewayClient watcher = g.gateway(g.owner, INTENTS)) {
            GatewayClient a = onNode(alice);
            op4(a, g.guildId, voice);
            JsonNode state = nextState(a, alice.userId(), false);
            assertThat(state).as("VOICE_STATE_UPDATE on the node").isNotNull();
            assertThat(state.path("channel_id").asText()).isEqualTo(voice);
            assertThat(state.path("session_id").asText()).isEqualTo(a.sessionIdFromReady());
            JsonNode server = a.nextDispatch("VOICE_SERVER_UPDATE", WAIT);
            assertThat(server).as("VOICE_SERVER_UPDATE on the node").isNotNull();
            assertThat(server.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(nextState(watcher, alice.userId(), false)).as("seen by a primary session").isNotNull();
            try (DiscordVoiceClient va = new DiscordVoiceClient(server.at("/d/endpoint").asText(),
                    voiceGateway.certificate())) {
                assertThat(va.identify(g.guildId, alice.userId(), a.sessionIdFromReady(),
                        server.at("/d/token").asText())).as("voice READY").isNotNull();
                a.closeWith(1000); // the node session ends: its voice state goes on the primary
                assertThat(nextState(watcher, alice.userId(), true)).as("leave seen by the primary session")
                        .isNotNull();
                assertThat(va.closeCode(WAIT)).isEqualTo(4014);
                a.close();
            }
            try (GatewayClient later = GatewayClient.connect("ws://127.0.0.1:" + primary.port()
                    + "/gateway/?v=10&encoding=json")) {
                later.identify(g.owner.token(), INTENTS);
                JsonNode create = later.nextDispatch("GUILD_CREATE", WAIT);
                assertThat(create.at("/d/voice_states")).as("no voice state left on the primary").isEmpty();
            }
        }
    }

    @Test
    void aFullChannelRefusesANodeSessionAndALostLinkEndsItsVoiceState() throws Exception {
        GuildFixture g = new GuildFixture(primary, "gwnl_owner", "Node voice link");
        Account alice = g.member("gwnl_alice");
        Account bob = g.member("gwnl_bob");
        String voice = g.api.voiceChannel(g.owner, g.guildId);
        assertThat(g.api.call("PATCH", "/api/v10/channels/" + voice, g.owner.auth(), "{\"user_limit\":1}").status())
                .isEqualTo(200);
        try (GatewayClient watcher = g.gateway(g.owner, INTENTS)) {
            GatewayClient a = onNode(alice);
            GatewayClient b = onNode(bob);
            try {
                op4(a, g.guildId, voice);
                assertThat(a.nextDispatch("VOICE_SERVER_UPDATE", WAIT)).isNotNull();
                assertThat(nextState(watcher, alice.userId(), false)).isNotNull();
                op4(b, g.guildId, voice); // the channel is full: ignored, as Discord does
                assertThat(b.nextDispatch("VOICE_SERVER_UPDATE", Duration.ofMillis(800))).isNull();
                proxy.cut();
                try {
                    assertThat(nextState(watcher, alice.userId(), true)).as("the node's voice states end with its link")
                            .isNotNull();
                } finally {
                    proxy.restore();
                }
            } finally {
                a.close();
                b.close();
            }
        }
        assertThat(node.link().awaitLinked(WAIT)).isTrue();
    }
}

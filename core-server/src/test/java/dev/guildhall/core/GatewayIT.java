package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway over a real WebSocket client: HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, dispatch, close codes. */
class GatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final int GUILDS = 1;
    private static final int GUILD_MESSAGES = 1 << 9;
    private static final int MESSAGE_CONTENT = 1 << 15;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_gateway");
        api = server.client();
        owner = api.register("gwowner");
        guildId = api.createGuild(owner, "Gateway Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url() {
        return "ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json";
    }

    private static GatewayClient connectAndHello() throws InterruptedException {
        GatewayClient gw = GatewayClient.connect(url());
        JsonNode hello = gw.next(WAIT);
        assertThat(hello).isNotNull();
        assertThat(hello.get("op").asInt()).isEqualTo(10);
        assertThat(hello.at("/d/heartbeat_interval").asLong()).isPositive();
        return gw;
    }

    /** Creates a bot application (with the given flags) that joined the test guild; returns its raw token. */
    private static String botInGuild(String name, int flags) {
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", name, "flags", flags));
        String token = app.body().at("/bot/token").asText();
        api.invite(owner, channelId, "Bot " + token);
        return token;
    }

    @Test
    void identifyGetsReadyThenGuildCreateAndHeartbeatsAreAcked() throws Exception {
        String token = botInGuild("Ready Bot", 1 << 18);
        try (GatewayClient gw = connectAndHello()) {
            gw.heartbeat(null);
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(11);

            gw.identify(token, GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
            JsonNode ready = gw.next(WAIT);
            assertThat(ready.get("op").asInt()).isZero();
            assertThat(ready.get("t").asText()).isEqualTo("READY");
            assertThat(ready.get("s").asInt()).isEqualTo(1);
            JsonNode d = ready.get("d");
            assertThat(d.get("v").asInt()).isEqualTo(10);
            assertThat(d.at("/user/bot").asBoolean()).isTrue();
            assertThat(d.get("session_id").asText()).isNotBlank();
            assertThat(d.get("resume_gateway_url").asText()).startsWith("ws://");
            assertThat(d.at("/application/id").asText()).matches("\\d+");
            assertThat(d.at("/application/flags").asInt()).isEqualTo(1 << 18);
            assertThat(d.get("guilds")).hasSize(1);
            assertThat(d.at("/guilds/0/id").asText()).isEqualTo(guildId);
            assertThat(d.at("/guilds/0/unavailable").asBoolean()).isTrue();

            JsonNode create = gw.next(WAIT);
            assertThat(create.get("t").asText()).isEqualTo("GUILD_CREATE");
            assertThat(create.get("s").asInt()).isEqualTo(2);
            JsonNode g = create.get("d");
            assertThat(g.get("id").asText()).isEqualTo(guildId);
            assertThat(g.get("name").asText()).isEqualTo("Gateway Guild");
            assertThat(g.get("owner_id").asText()).isEqualTo(owner.userId());
            assertThat(g.get("unavailable").asBoolean()).isFalse();
            assertThat(g.get("large").asBoolean()).isFalse();
            assertThat(g.get("member_count").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(g.get("joined_at").asText()).isNotBlank();
            assertThat(g.get("threads").isArray()).isTrue();
            assertThat(g.get("voice_states").isArray()).isTrue();
            assertThat(g.at("/roles/0/id").asText()).isEqualTo(guildId);
            boolean sawVoice = false;
            for (JsonNode ch : g.get("channels")) {
                assertThat(ch.has("position")).isTrue();
                if (ch.get("type").asInt() == 2) {
                    sawVoice = true;
                    assertThat(ch.get("user_limit").isInt()).isTrue();
                    assertThat(ch.get("bitrate").asInt()).isEqualTo(64000);
                }
            }
            assertThat(sawVoice).isTrue();
            // a bot without GUILD_PRESENCES sees only itself in members, like Discord
            assertThat(g.get("members")).hasSize(1);
            assertThat(g.at("/members/0/user/id").asText()).isEqualTo(d.at("/user/id").asText());
            assertThat(g.at("/members/0/roles").isArray()).isTrue();

            gw.heartbeat(2L);
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(11);
        }
    }

    @Test
    void messageCreateReachesMembersButNotOutsiders() throws Exception {
        Account member = api.register("gwmember");
        api.invite(owner, channelId, member.auth());
        Account outsider = api.register("gwoutsider");
        api.createGuild(outsider, "Elsewhere");
        try (GatewayClient memberGw = connectAndHello(); GatewayClient outsiderGw = connectAndHello()) {
            memberGw.identify(member.token(), GUILDS | GUILD_MESSAGES);
            outsiderGw.identify(outsider.token(), GUILDS | GUILD_MESSAGES);
            JsonNode ready = memberGw.nextDispatch("READY", WAIT);
            assertThat(ready).isNotNull();
            JsonNode memberGuild = memberGw.nextDispatch("GUILD_CREATE", WAIT);
            assertThat(memberGuild.at("/d/members").size()).as("users see every member").isGreaterThanOrEqualTo(2);
            ready = memberGuild;
            assertThat(outsiderGw.nextDispatch("READY", WAIT)).isNotNull();
            // posted right after READY: the subscription happened before READY, so nothing is lost
            Response sent = api.sendMessage(owner.auth(), channelId, "gateway hello");
            assertThat(sent.status()).isEqualTo(200);

            JsonNode created = memberGw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(created).isNotNull();
            assertThat(created.get("s").asInt()).isGreaterThan(ready.get("s").asInt());
            JsonNode d = created.get("d");
            assertThat(d.get("id").asText()).isEqualTo(sent.str("id"));
            assertThat(d.get("content").asText()).isEqualTo("gateway hello");
            assertThat(d.get("guild_id").asText()).isEqualTo(guildId);
            assertThat(d.get("channel_id").asText()).isEqualTo(channelId);
            assertThat(d.at("/author/id").asText()).isEqualTo(owner.userId());
            assertThat(d.get("mentions").isArray()).isTrue();
            assertThat(d.at("/member/roles").isArray()).isTrue();
            assertThat(d.get("channel_type").asInt()).isZero();

            assertThat(outsiderGw.nextDispatch("MESSAGE_CREATE", QUIET)).isNull();
        }
    }

    @Test
    void messageContentNeedsTheIntentAndTheApplicationFlag() throws Exception {
        String plainBot = botInGuild("No Content Bot", 0);
        String noIntentBot = botInGuild("No Messages Bot", 0);
        try (GatewayClient gw = connectAndHello(); GatewayClient quiet = connectAndHello();
             GatewayClient refused = connectAndHello()) {
            gw.identify(plainBot, GUILDS | GUILD_MESSAGES);
            quiet.identify(noIntentBot, GUILDS);
            assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
            assertThat(quiet.nextDispatch("READY", WAIT)).isNotNull();

            api.sendMessage(owner.auth(), channelId, "secret words");
            JsonNode created = gw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(created).isNotNull();
            assertThat(created.at("/d/content").asText()).isEmpty();
            assertThat(created.at("/d/author/id").asText()).isEqualTo(owner.userId());
            assertThat(quiet.nextDispatch("MESSAGE_CREATE", QUIET)).as("no GUILD_MESSAGES intent").isNull();

            // a bot always sees its own content
            api.sendMessage("Bot " + plainBot, channelId, "my own words");
            assertThat(gw.nextDispatch("MESSAGE_CREATE", WAIT).at("/d/content").asText()).isEqualTo("my own words");

            // asking for MESSAGE_CONTENT without the application flag is refused
            refused.identify(noIntentBot, GUILDS | MESSAGE_CONTENT);
            assertThat(refused.closeCode(WAIT)).isEqualTo(4014);
        }
    }

    @Test
    void aBotThatJoinsWhileConnectedGetsGuildCreateAndMessages() throws Exception {
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Late Joiner", "flags", 1 << 18));
        String token = app.body().at("/bot/token").asText();
        try (GatewayClient gw = connectAndHello(); GatewayClient ownerGw = connectAndHello()) {
            ownerGw.identify(owner.token(), GUILDS | GUILD_MESSAGES | (1 << 1));
            assertThat(ownerGw.nextDispatch("READY", WAIT)).isNotNull();
            gw.identify("Bot " + token, GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
            JsonNode ready = gw.nextDispatch("READY", WAIT);
            assertThat(ready.at("/d/guilds")).isEmpty();
            api.invite(owner, channelId, "Bot " + token);
            JsonNode create = gw.nextDispatch("GUILD_CREATE", WAIT);
            assertThat(create).isNotNull();
            assertThat(create.at("/d/id").asText()).isEqualTo(guildId);
            JsonNode added = ownerGw.nextDispatch("GUILD_MEMBER_ADD", WAIT);
            assertThat(added).isNotNull();
            assertThat(added.at("/d/guild_id").asText()).isEqualTo(guildId);
            assertThat(added.at("/d/user/bot").asBoolean()).isTrue();
            api.sendMessage(owner.auth(), channelId, "welcome bot");
            assertThat(gw.nextDispatch("MESSAGE_CREATE", WAIT).at("/d/content").asText()).isEqualTo("welcome bot");
        }
    }

    @Test
    void closeCodes() throws Exception {
        try (GatewayClient gw = connectAndHello()) {
            gw.identify("not-a-valid-token", GUILDS);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4004);
        }
        try (GatewayClient gw = connectAndHello()) {
            gw.sendRaw("{this is not json");
            assertThat(gw.closeCode(WAIT)).isEqualTo(4002);
        }
        try (GatewayClient gw = connectAndHello()) {
            gw.sendRaw("{\"op\": 42, \"d\": null}");
            assertThat(gw.closeCode(WAIT)).isEqualTo(4001);
        }
        try (GatewayClient gw = connectAndHello()) {
            gw.sendRaw("{\"op\": 3, \"d\": {\"status\": \"online\"}}");
            assertThat(gw.closeCode(WAIT)).isEqualTo(4003);
        }
        try (GatewayClient gw = connectAndHello()) {
            gw.identify(owner.token(), 1 << 30);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4013);
        }
        try (GatewayClient gw = connectAndHello()) {
            gw.identify(owner.token(), GUILDS);
            assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
            gw.identify(owner.token(), GUILDS);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4005);
        }
        try (GatewayClient gw = connectAndHello()) {
            try {
                for (int i = 0; i < 130; i++) {
                    gw.heartbeat(null);
                }
            } catch (RuntimeException closedWhileSending) {
                // the server may close before the client stops sending
            }
            assertThat(gw.closeCode(WAIT)).isEqualTo(4008);
        }
        try (GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway?v=6&encoding=json")) {
            assertThat(gw.closeCode(WAIT)).isEqualTo(4012);
        }
        // the server is fine after all of that
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void silentSessionsTimeOut() throws Exception {
        try (TestServer fast = TestServer.start("core_gateway_hb", Map.of("gateway.heartbeat.interval.ms", "500"));
             GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + fast.port() + "/gateway")) {
            JsonNode hello = gw.next(WAIT);
            assertThat(hello.at("/d/heartbeat_interval").asInt()).isEqualTo(500);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4009);
        }
    }
}

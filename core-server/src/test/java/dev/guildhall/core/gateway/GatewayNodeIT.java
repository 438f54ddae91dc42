package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.GatewayNodeServer;
import dev.guildhall.core.config.ConfigLoader;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.testkit.TcpProxy;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary core-server and one gateway node (node.role=gateway, its own HTTP port) on one database, linked through
 * a TCP proxy the test can cut. Messages posted through the primary's REST API reach node sessions in order, only
 * where VIEW_CHANNEL allows (also right after a deny); RESUME on the node replays what was missed; a broken link
 * sends RECONNECT and makes RESUME impossible (INVALID_SESSION) until the node is linked again; a node session's
 * presence is seen by a primary session and the reverse; IDENTIFYs on the node count against the primary's session
 * start limit; a token revoked on the primary closes its node session (4004); GET /gateway names the least-loaded
 * linked node, or the primary when none is linked (op 4 on a node: voice.GatewayNodeVoiceIT).
 */
class GatewayNodeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final String SECRET = "gateway-node-it-secret";
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT;

    private static TestServer primary;
    private static TcpProxy proxy;
    private static GatewayNodeServer node;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String general;

    @BeforeAll
    static void start() throws Exception {
        primary = TestServer.start("core_gateway_node", Map.of("gateway.heartbeat.interval.ms", "30000",
                "gateway.link.enabled", "true", "gateway.link.port", "0", "gateway.link.secret", SECRET));
        proxy = new TcpProxy(primary.server().gatewayLinkPort());
        Map<String, String> settings = new HashMap<>(primary.settings());
        settings.put("node.role", "gateway");
        settings.put("gateway.link.enabled", "false");
        settings.put("gateway.link.primary", "127.0.0.1:" + proxy.port());
        settings.put("gateway.link.reconnect.ms", "100");
        settings.put("pg.pool.size", "3");
        node = GatewayNodeServer.start(ConfigLoader.fromMap(settings));
        assertThat(node.link().awaitLinked(WAIT)).as("node linked to the primary").isTrue();
        api = primary.client();
        owner = api.register("gwnodeowner");
        guildId = api.createGuild(owner, "Gateway nodes").get("id").asText();
        general = api.textChannel(owner, guildId);
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

    @BeforeEach
    void linked() throws InterruptedException {
        assertThat(node.link().awaitLinked(WAIT)).isTrue();
    }

    private static String nodeUrl() {
        return "ws://127.0.0.1:" + node.httpPort() + "/gateway";
    }

    private static Account member(String prefix) {
        Account a = api.register(prefix);
        api.invite(owner, general, a.auth());
        return a;
    }

    /** Identified on the given gateway URL; returns the client after READY and GUILD_CREATE. */
    private static GatewayClient identified(String url, Account a, int intents, ObjectNode presence,
                                            JsonNode[] readyAndCreate) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect(url + "/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        ObjectNode identify = GatewayClient.identifyPayload(a.token(), intents);
        if (presence != null) {
            ((ObjectNode) identify.get("d")).set("presence", presence);
        }
        gw.send(identify);
        JsonNode ready = gw.nextDispatch("READY", WAIT);
        assertThat(ready).as("READY").isNotNull();
        JsonNode create = gw.nextDispatch("GUILD_CREATE", WAIT);
        assertThat(create).as("GUILD_CREATE").isNotNull();
        if (readyAndCreate != null) {
            readyAndCreate[0] = ready;
            readyAndCreate[1] = create;
        }
        return gw;
    }

    private static GatewayClient onNode(Account a) throws InterruptedException {
        return identified(nodeUrl(), a, INTENTS, null, null);
    }

    private static String post(String channelId, String content) {
        ApiClient.Response r = api.sendMessage(owner.auth(), channelId, content);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static String newChannel(String name) {
        ApiClient.Response r = api.post("/api/v10/guilds/" + guildId + "/channels", owner.auth(),
                Map.of("name", name, "type", 0));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r.str("id");
    }

    private static void denyView(String channelId, Account who) {
        ApiClient.Response r = api.call("PUT", "/api/v10/channels/" + channelId + "/permissions/" + who.userId(),
                owner.auth(), ApiClient.json(Map.of("type", 1, "allow", "0",
                        "deny", Long.toString(Permissions.VIEW_CHANNEL))));
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
    }

    private static String nextMessageId(GatewayClient gw) throws InterruptedException {
        JsonNode m = gw.nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(m).as("MESSAGE_CREATE").isNotNull();
        return m.at("/d/id").asText();
    }

    @Test
    void nodeSessionsReceiveRestMessagesInOrderOnlyWhereTheyMayView() throws Exception {
        Account reader = member("gwnreader");
        Account outsider = member("gwnoutsider");
        String hiddenChannel = newChannel("hidden");
        denyView(hiddenChannel, outsider);
        JsonNode[] ready = new JsonNode[2];
        try (GatewayClient readerGw = identified(nodeUrl(), reader, INTENTS, null, ready);
             GatewayClient outsiderGw = onNode(outsider)) {
            assertThat(ready[0].at("/d/resume_gateway_url").asText()).isEqualTo(nodeUrl());
            List<String> posted = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                posted.add(post(hiddenChannel, "in order " + i));
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < posted.size(); i++) {
                received.add(nextMessageId(readerGw));
            }
            assertThat(received).containsExactlyElementsOf(posted);
            // the outsider's next MESSAGE_CREATE is the one in the channel it may view: none of the 30 leaked
            String visible = post(general, "everyone sees this");
            assertThat(nextMessageId(outsiderGw)).isEqualTo(visible);
            assertThat(nextMessageId(readerGw)).isEqualTo(visible);
        }
    }

    @Test
    void aDenyIsNotOutrunOnTheNodeByACachedAnswer() throws Exception {
        Account member = member("gwndenied");
        String channel = newChannel("denied");
        try (GatewayClient gw = onNode(member)) {
            String seen = post(channel, "seen before the deny");
            assertThat(nextMessageId(gw)).isEqualTo(seen); // the node cached "may view"
            denyView(channel, member);
            post(channel, "after the deny");
            String marker = post(general, "marker");
            assertThat(nextMessageId(gw)).as("nothing from the denied channel").isEqualTo(marker);
        }
    }

    @Test
    void resumeOnTheNodeReplaysWhatWasMissed() throws Exception {
        Account member = member("gwnresumer");
        JsonNode[] ready = new JsonNode[2];
        GatewayClient first = identified(nodeUrl(), member, INTENTS, null, ready);
        String before = post(general, "before the drop");
        JsonNode beforeDispatch = first.nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(beforeDispatch.at("/d/id").asText()).isEqualTo(before);
        long seq = beforeDispatch.get("s").asLong();
        first.drop();
        List<String> missed = List.of(post(general, "missed 1"), post(general, "missed 2"), post(general, "missed 3"));
        try (GatewayClient again = GatewayClient.connect(ready[0].at("/d/resume_gateway_url").asText()
                + "/?v=10&encoding=json")) {
            assertThat(again.next(WAIT).get("op").asInt()).isEqualTo(10);
            again.resume(member.token(), ready[0].at("/d/session_id").asText(), seq);
            List<String> replayed = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                replayed.add(nextMessageId(again));
            }
            assertThat(replayed).containsExactlyElementsOf(missed);
            assertThat(again.nextDispatch("RESUMED", WAIT)).isNotNull();
        }
    }

    @Test
    void linkLossSendsReconnectAndMakesResumeImpossibleUntilTheNodeIsLinkedAgain() throws Exception {
        Account member = member("gwnlinkloss");
        JsonNode[] ready = new JsonNode[2];
        GatewayClient gw = identified(nodeUrl(), member, INTENTS, null, ready);
        String sessionId = ready[0].at("/d/session_id").asText();
        proxy.cut();
        try {
            JsonNode reconnect = gw.nextNonAck(WAIT);
            assertThat(reconnect).as("RECONNECT").isNotNull();
            assertThat(reconnect.get("op").asInt()).isEqualTo(GatewayOp.RECONNECT);
            assertThat(gw.closeCode(WAIT)).isEqualTo(GatewayOp.CLOSE_UNKNOWN_ERROR);
            post(general, "posted during the gap");
            try (GatewayClient resuming = GatewayClient.connect(nodeUrl() + "/?v=10&encoding=json")) {
                assertThat(resuming.next(WAIT).get("op").asInt()).isEqualTo(10);
                resuming.resume(member.token(), sessionId, 0);
                JsonNode invalid = resuming.nextNonAck(WAIT);
                assertThat(invalid.get("op").asInt()).as("INVALID_SESSION").isEqualTo(GatewayOp.INVALID_SESSION);
                assertThat(invalid.get("d").asBoolean()).isFalse();
            }
            try (GatewayClient unlinked = GatewayClient.connect(nodeUrl() + "/?v=10&encoding=json")) {
                assertThat(unlinked.next(WAIT).get("op").asInt()).isEqualTo(10);
                unlinked.identify(member.token(), INTENTS);
                assertThat(unlinked.closeCode(WAIT)).as("IDENTIFY refused while unlinked")
                        .isEqualTo(GatewayOp.CLOSE_UNKNOWN_ERROR);
            }
        } finally {
            proxy.restore();
        }
        assertThat(node.link().awaitLinked(WAIT)).as("linked again").isTrue();
        try (GatewayClient again = onNode(member)) {
            String after = post(general, "after the relink");
            assertThat(nextMessageId(again)).isEqualTo(after);
        }
    }

    @Test
    void presencesCrossBetweenNodeAndPrimarySessions() throws Exception {
        Account member = member("gwnpresence");
        int intents = Intents.GUILDS | Intents.GUILD_PRESENCES;
        String primaryUrl = "ws://127.0.0.1:" + primary.port() + "/gateway";
        try (GatewayClient ownerGw = identified(primaryUrl, owner, intents, null, null)) {
            ObjectNode dnd = ApiClient.JSON.createObjectNode().put("status", "dnd").put("afk", false);
            dnd.putNull("since");
            dnd.putArray("activities");
            JsonNode[] ready = new JsonNode[2];
            GatewayClient memberGw = identified(nodeUrl(), member, intents, dnd, ready);
            assertThat(presenceOf(ownerGw, member)).isEqualTo("dnd");
            // the node's GUILD_CREATE lists the primary session's presence
            List<String> listed = new ArrayList<>();
            ready[1].at("/d/presences").forEach(p -> listed.add(p.at("/user/id").asText() + "=" + p.get("status")
                    .asText()));
            assertThat(listed).contains(owner.userId() + "=online");
            memberGw.close(); // 1000: the session ends, the user goes offline
            assertThat(presenceOf(ownerGw, member)).isEqualTo("offline");
        }
    }

    private static String presenceOf(GatewayClient gw, Account who) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch("PRESENCE_UPDATE", WAIT);
            if (p != null && p.at("/d/user/id").asText().equals(who.userId())) {
                return p.at("/d/status").asText();
            }
        }
        return null;
    }

    @Test
    void identifiesOnTheNodeCountAgainstTheSessionStartLimitKeptByThePrimary() throws Exception {
        Account member = member("gwnstarts");
        String primaryUrl = "ws://127.0.0.1:" + primary.port() + "/gateway";
        assertThat(remainingStarts(member)).isEqualTo(1000);
        try (GatewayClient onNode = onNode(member);
             GatewayClient onPrimary = identified(primaryUrl, member, INTENTS, null, null)) {
            assertThat(remainingStarts(member)).as("both IDENTIFYs counted in one place").isEqualTo(998);
        }
    }

    private static int remainingStarts(Account a) {
        return api.get("/api/v10/gateway/bot", a.token()).body().at("/session_start_limit/remaining").asInt();
    }

    @Test
    void aTokenRevokedOnThePrimaryClosesItsSessionOnTheNode() throws Exception {
        Account member = member("gwnrevoked");
        try (GatewayClient gw = onNode(member)) {
            assertThat(api.post("/api/v10/auth/logout", member.token(), "").status()).isEqualTo(204);
            assertThat(gw.closeCode(WAIT)).isEqualTo(GatewayOp.CLOSE_AUTHENTICATION_FAILED);
        }
    }

    /** The {@code url} of GET /gateway and /gateway/bot once both equal {@code expected} (polled), else the last. */
    private static String gatewayUrlBecomes(Account a, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String url;
        do {
            ApiClient.Response bot = api.get("/api/v10/gateway/bot", a.token());
            url = bot.str("url");
            if (url.equals(expected) && api.get("/api/v10/gateway", null).str("url").equals(expected)) {
                assertThat(bot.body().path("shards").asInt()).isEqualTo(1);
                assertThat(bot.body().has("session_start_limit")).isTrue();
                return url;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return url;
    }

    @Test
    void getGatewayNamesTheLeastLoadedLinkedNodeOrElseThePrimary() throws Exception {
        Account member = member("gwnurl");
        String primaryUrl = "ws://127.0.0.1:" + primary.port() + "/gateway";
        assertThat(gatewayUrlBecomes(member, nodeUrl())).as("the only linked node").isEqualTo(nodeUrl());
        Map<String, String> settings = new HashMap<>(primary.settings());
        settings.put("node.role", "gateway");
        settings.put("gateway.link.enabled", "false");
        settings.put("gateway.link.primary", "127.0.0.1:" + primary.server().gatewayLinkPort());
        settings.put("pg.pool.size", "2");
        List<GatewayClient> clients = new ArrayList<>();
        try (GatewayNodeServer second = GatewayNodeServer.start(ConfigLoader.fromMap(settings))) {
            assertThat(second.link().awaitLinked(WAIT)).isTrue();
            String secondUrl = "ws://127.0.0.1:" + second.httpPort() + "/gateway";
            clients.add(onNode(member));
            assertThat(gatewayUrlBecomes(member, secondUrl)).as("node 1 serves one connection").isEqualTo(secondUrl);
            for (int i = 0; i < 2; i++) {
                clients.add(identified(secondUrl, member, INTENTS, null, null));
            }
            assertThat(gatewayUrlBecomes(member, nodeUrl())).as("node 2 serves two").isEqualTo(nodeUrl());
        } finally {
            clients.forEach(GatewayClient::close);
        }
        proxy.cut();
        try {
            assertThat(gatewayUrlBecomes(member, primaryUrl)).as("no node linked").isEqualTo(primaryUrl);
        } finally {
            proxy.restore();
        }
    }
}

package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.PresenceUpdated;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence over real sessions: IDENTIFY's presence and op 3 go out as PRESENCE_UPDATE to sessions with
 * GUILD_PRESENCES (invisible shows offline), the last session ending shows offline, GUILD_CREATE lists presences,
 * malformed op 3 closes with 4002, the 120-per-60-s send limit closes with 4008, and every change is a
 * presence.updated event on guildhall.presence.
 */
class PresenceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1000);
    private static final int WITH_PRESENCES = Intents.GUILDS | Intents.GUILD_PRESENCES;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        Engines.kafka().createTopic(Topics.PRESENCE, 1);
        server = TestServer.start("core_presence", Map.of("gateway.heartbeat.interval.ms", "30000"));
        api = server.client();
        owner = api.register("presowner");
        member = api.register("presmember");
        guildId = api.createGuild(owner, "Presence").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, member.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient hello() throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        return gw;
    }

    /** Identifies (optionally with a presence); returns the client with GUILD_CREATE's presences in {@code create}. */
    private static GatewayClient identified(String token, int intents, ObjectNode presence, JsonNode[] create)
            throws InterruptedException {
        GatewayClient gw = hello();
        ObjectNode p = GatewayClient.identifyPayload(token, intents);
        if (presence != null) {
            ((ObjectNode) p.get("d")).set("presence", presence);
        }
        gw.send(p);
        JsonNode gc = gw.nextDispatch("GUILD_CREATE", WAIT);
        assertThat(gc).as("GUILD_CREATE").isNotNull();
        if (create != null) {
            create[0] = gc;
        }
        return gw;
    }

    private static ObjectNode presence(String status, String activity) {
        ObjectNode d = ApiClient.JSON.createObjectNode();
        d.putNull("since");
        var activities = d.putArray("activities");
        if (activity != null) {
            activities.addObject().put("name", activity).put("type", 0);
        }
        d.put("status", status);
        d.put("afk", false);
        return d;
    }

    private static void op3(GatewayClient gw, ObjectNode d) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 3);
        p.set("d", d);
        gw.send(p);
    }

    /** The next PRESENCE_UPDATE about the user (skipping others). */
    private static JsonNode nextPresenceOf(GatewayClient gw, String userId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch("PRESENCE_UPDATE", Duration.ofNanos(deadline - System.nanoTime()));
            if (p != null && userId.equals(p.at("/d/user/id").asText())) {
                return p.get("d");
            }
        }
        return null;
    }

    @Test
    void presenceChangesReachSessionsWithTheIntentAndTheLastSessionGoesOffline() throws Exception {
        try (GatewayClient observer = identified(owner.token(), WITH_PRESENCES, null, null);
             GatewayClient blind = identified(owner.token(), Intents.GUILDS, null, null)) {
            JsonNode[] create = new JsonNode[1];
            GatewayClient memberGw = identified(member.token(), WITH_PRESENCES, presence("idle", "Chess"), create);
            // the member's GUILD_CREATE lists the owner, who is online
            assertThat(create[0].at("/d/presences")).anySatisfy(p -> {
                assertThat(p.at("/user/id").asText()).isEqualTo(owner.userId());
                assertThat(p.get("status").asText()).isEqualTo("online");
            });

            JsonNode idle = nextPresenceOf(observer, member.userId());
            assertThat(idle).as("PRESENCE_UPDATE after IDENTIFY").isNotNull();
            assertThat(idle.get("status").asText()).isEqualTo("idle");
            assertThat(idle.get("guild_id").asText()).isEqualTo(guildId);
            assertThat(idle.at("/activities/0/name").asText()).isEqualTo("Chess");
            assertThat(idle.at("/activities/0/type").asInt()).isZero();
            assertThat(idle.at("/client_status/web").asText()).isEqualTo("idle");

            op3(memberGw, presence("dnd", null));
            JsonNode dnd = nextPresenceOf(observer, member.userId());
            assertThat(dnd.get("status").asText()).isEqualTo("dnd");
            assertThat(dnd.get("activities")).isEmpty();

            op3(memberGw, presence("invisible", "Hidden game"));
            JsonNode invisible = nextPresenceOf(observer, member.userId());
            assertThat(invisible.get("status").asText()).as("invisible shows offline").isEqualTo("offline");
            assertThat(invisible.get("activities")).isEmpty();

            // a new session with GUILD_PRESENCES: the invisible member is not listed, the owner is
            JsonNode[] later = new JsonNode[1];
            try (GatewayClient another = identified(owner.token(), WITH_PRESENCES, null, later)) {
                List<String> listed = new ArrayList<>();
                later[0].at("/d/presences").forEach(p -> listed.add(p.at("/user/id").asText()));
                assertThat(listed).contains(owner.userId()).doesNotContain(member.userId());
            }

            op3(memberGw, presence("online", null));
            assertThat(nextPresenceOf(observer, member.userId()).get("status").asText()).isEqualTo("online");

            // the member's last session ends: offline
            memberGw.close();
            JsonNode offline = nextPresenceOf(observer, member.userId());
            assertThat(offline).as("offline after the last session").isNotNull();
            assertThat(offline.get("status").asText()).isEqualTo("offline");

            assertThat(blind.nextDispatch("PRESENCE_UPDATE", QUIET)).as("no GUILD_PRESENCES, no presence")
                    .isNull();
        }

        List<PresenceUpdated> events = presenceEvents(member.userId(), 5);
        assertThat(events).extracting(PresenceUpdated::status)
                .containsExactly("idle", "dnd", "offline", "online", "offline");
        assertThat(events.get(0).activities()).isEqualTo(1);
    }

    /** A member of its own (sessions closed by the server stay resumable, so they keep showing a presence). */
    private static Account joined(String name) {
        Account a = api.register(name);
        api.invite(owner, channelId, a.auth());
        return a;
    }

    @Test
    void malformedPresenceClosesWithDecodeErrorAndBeforeIdentifyWithNotAuthenticated() throws Exception {
        Account member = joined("presbad");
        try (GatewayClient gw = hello()) {
            op3(gw, presence("online", null));
            assertThat(gw.closeCode(WAIT)).isEqualTo(4003);
        }
        for (ObjectNode bad : List.of(presence("away", null), presence("online", null).put("afk", "yes"),
                presence("online", null).put("since", "yesterday"), (ObjectNode) presence("online", null)
                        .set("activities", ApiClient.JSON.createObjectNode()))) {
            try (GatewayClient gw = identified(member.token(), WITH_PRESENCES, null, null)) {
                op3(gw, bad);
                assertThat(gw.closeCode(WAIT)).as(bad.toString()).isEqualTo(4002);
            }
        }
        ObjectNode badActivity = presence("online", null);
        badActivity.withArray("activities").addObject().put("name", "x").put("type", 99);
        try (GatewayClient gw = hello()) {
            ObjectNode p = GatewayClient.identifyPayload(member.token(), WITH_PRESENCES);
            ((ObjectNode) p.get("d")).set("presence", badActivity);
            gw.send(p);
            assertThat(gw.closeCode(WAIT)).as("IDENTIFY with a malformed presence").isEqualTo(4002);
        }
    }

    @Test
    void botsNeedTheApplicationFlagForPresencesAndMembers() throws Exception {
        String plainBot = bot("Plain Bot", 0);
        for (int privileged : new int[]{Intents.GUILD_PRESENCES, Intents.GUILD_MEMBERS}) {
            try (GatewayClient gw = hello()) {
                gw.identify(plainBot, Intents.GUILDS | privileged);
                assertThat(gw.closeCode(WAIT)).as("intent " + privileged).isEqualTo(4014);
            }
        }
        try (GatewayClient gw = hello()) {
            ObjectNode noIntents = ApiClient.JSON.createObjectNode().put("op", 2);
            noIntents.putObject("d").put("token", plainBot);
            gw.send(noIntents);
            assertThat(gw.closeCode(WAIT)).as("a bot without intents").isEqualTo(4013);
        }
        // GATEWAY_PRESENCE (1 << 12): presences in GUILD_CREATE and PRESENCE_UPDATEs
        String presenceBot = bot("Presence Bot", 1 << 12);
        Account watched = joined("preswatched");
        JsonNode[] create = new JsonNode[1];
        try (GatewayClient botGw = identified(presenceBot, WITH_PRESENCES, null, create)) {
            assertThat(create[0].at("/d/presences").isArray()).isTrue();
            try (GatewayClient w = identified(watched.token(), Intents.GUILDS, presence("dnd", null), null)) {
                assertThat(nextPresenceOf(botGw, watched.userId()).get("status").asText()).isEqualTo("dnd");
            }
        }
    }

    private static String bot(String name, int flags) {
        ApiClient.Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", name, "flags", flags));
        String token = "Bot " + app.body().at("/bot/token").asText();
        api.invite(owner, channelId, token);
        return token;
    }

    @Test
    void moreThan120PayloadsPerMinuteCloseWith4008() throws Exception {
        Account member = joined("presrate");
        try (GatewayClient gw = identified(member.token(), WITH_PRESENCES, null, null)) {
            for (int i = 0; i < 125 && gw.closeCode(Duration.ZERO) == null; i++) {
                op3(gw, presence(i % 2 == 0 ? "idle" : "online", null));
            }
            assertThat(gw.closeCode(WAIT)).isEqualTo(4008);
        }
    }

    private static List<PresenceUpdated> presenceEvents(String userId, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "presence-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<PresenceUpdated> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.PRESENCE));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope env = EventCodec.decode(r.value());
                    PresenceUpdated e = EventCodec.payload(env, PresenceUpdated.class);
                    if (e.userId().equals(userId)) {
                        assertThat(r.key()).isEqualTo(guildId);
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }
}

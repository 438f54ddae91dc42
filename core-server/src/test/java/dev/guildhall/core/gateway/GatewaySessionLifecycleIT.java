package dev.guildhall.core.gateway;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway session lifecycle over real WebSockets against core-server with PostgreSQL and Kafka: RESUME after a
 * dropped connection (replay in order with the original {@code s}, then RESUMED), INVALID_SESSION when the buffer
 * no longer reaches, for another user's token or after a 1000 close; zlib-stream transport compression; payload
 * limits; heartbeat timeout (4009) leaving the session resumable; op 7 RECONNECT at shutdown.
 */
class GatewaySessionLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int GUILDS = 1;
    private static final int GUILD_MESSAGES = 1 << 9;
    /** Small replay buffer, so the bound is cheap to exceed. */
    private static final int BUFFER = 6;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_gateway_lifecycle", Map.of("gateway.resume.buffer.events",
                String.valueOf(BUFFER)));
        api = server.client();
        owner = api.register("lcowner");
        String guildId = api.createGuild(owner, "Lifecycle Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        member = api.register("lcmember");
        api.invite(owner, channelId, member.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url(TestServer s) {
        return "ws://127.0.0.1:" + s.port() + "/gateway/?v=10&encoding=json";
    }

    /** Posts a message as the owner (waiting out a 429 if a rate limit applies); returns its id. */
    private static String post(String content) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Response r = api.sendMessage(owner.auth(), channelId, content);
            if (r.status() == 200) {
                return r.str("id");
            }
            assertThat(r.status()).as(r.raw()).isEqualTo(429);
            Thread.sleep((long) (r.body().path("retry_after").asDouble(1) * 1000) + 50);
        }
        throw new AssertionError("still rate limited");
    }

    /** Connects, identifies as the member; returns the client with READY consumed and the session id. */
    private record Identified(GatewayClient client, String sessionId, String resumeUrl, long lastSeq) {
    }

    private static Identified identifyMember(TestServer s) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect(url(s));
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        gw.identify(member.token(), GUILDS | GUILD_MESSAGES);
        JsonNode ready = gw.nextDispatch("READY", WAIT);
        assertThat(ready).isNotNull();
        JsonNode create = gw.nextDispatch("GUILD_CREATE", WAIT);
        assertThat(create).isNotNull();
        return new Identified(gw, ready.at("/d/session_id").asText(), ready.at("/d/resume_gateway_url").asText(),
                create.get("s").asLong());
    }

    /** Waits until the server has detached the dropped connection (its connection count goes down). */
    private static void awaitConnections(TestServer s, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && s.server().registry().get("guildhall.gateway.sessions").gauge()
                .value() > count) {
            Thread.sleep(20);
        }
    }

    @Test
    void resumeReplaysExactlyTheMissedEventsInOrderThenResumed() throws Exception {
        Identified id = identifyMember(server);
        assertThat(id.resumeUrl()).isEqualTo("ws://127.0.0.1:" + server.port() + "/gateway");
        String before = post("before the drop");
        JsonNode seen = id.client().nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(seen.at("/d/id").asText()).isEqualTo(before);
        long lastSeq = seen.get("s").asLong();

        id.client().drop();
        awaitConnections(server, 0);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < BUFFER - 2; i++) {
            missed.add(post("while away " + i));
        }

        try (GatewayClient gw = GatewayClient.connect(id.resumeUrl() + "?v=10&encoding=json")) {
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
            gw.resume(member.token(), id.sessionId(), lastSeq);
            List<JsonNode> replay = new ArrayList<>();
            JsonNode p;
            while ((p = gw.nextNonAck(WAIT)) != null && !"RESUMED".equals(p.path("t").asText())) {
                replay.add(p);
            }
            assertThat(p).as("RESUMED after the replay").isNotNull();
            assertThat(replay).extracting(r -> r.get("t").asText()).containsOnly("MESSAGE_CREATE");
            assertThat(replay).extracting(r -> r.at("/d/id").asText()).containsExactlyElementsOf(missed);
            for (int i = 0; i < replay.size(); i++) {
                assertThat(replay.get(i).get("s").asLong()).isEqualTo(lastSeq + 1 + i);
                assertThat(replay.get(i).at("/d/content").asText()).isEqualTo("while away " + i);
            }
            assertThat(p.get("op").asInt()).isZero();
            long resumedSeq = p.get("s").asLong();
            assertThat(resumedSeq).isEqualTo(lastSeq + missed.size() + 1);

            // live again: the next event follows with the next number, heartbeats are answered
            String after = post("after the resume");
            JsonNode live = gw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(live.at("/d/id").asText()).isEqualTo(after);
            assertThat(live.get("s").asLong()).isEqualTo(resumedSeq + 1);
            gw.heartbeat(live.get("s").asLong());
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(11);

            // a second drop and resume from the middle of the replay: RESUMED is not replayed, the rest is
            gw.drop();
            awaitConnections(server, 0);
            try (GatewayClient again = GatewayClient.connect(url(server))) {
                assertThat(again.next(WAIT).get("op").asInt()).isEqualTo(10);
                again.resume(member.token(), id.sessionId(), lastSeq + missed.size());
                JsonNode first = again.nextNonAck(WAIT);
                assertThat(first.get("t").asText()).isEqualTo("MESSAGE_CREATE");
                assertThat(first.at("/d/id").asText()).isEqualTo(after);
                assertThat(first.get("s").asLong()).isEqualTo(resumedSeq + 1);
                JsonNode resumed = again.nextNonAck(WAIT);
                assertThat(resumed.get("t").asText()).isEqualTo("RESUMED");
                assertThat(resumed.get("s").asLong()).isEqualTo(resumedSeq + 2);
            }
        }
    }

    @Test
    void missingMoreThanTheBufferHoldsGetsInvalidSessionThenIdentifyWorks() throws Exception {
        Identified id = identifyMember(server);
        id.client().drop();
        awaitConnections(server, 0);
        for (int i = 0; i < BUFFER + 2; i++) {
            post("flood " + i);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
            gw.resume(member.token(), id.sessionId(), id.lastSeq());
            JsonNode invalid = gw.nextNonAck(WAIT);
            assertThat(invalid.get("op").asInt()).isEqualTo(9);
            assertThat(invalid.get("d").asBoolean(true)).isFalse();
            // the client may identify again on the same connection
            gw.identify(member.token(), GUILDS | GUILD_MESSAGES);
            assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
        }
    }

    @Test
    void resumeIsRefusedForAnotherUserAnUnknownSessionOrAfterACleanClose() throws Exception {
        Identified id = identifyMember(server);
        id.client().drop();
        awaitConnections(server, 0);
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume(owner.token(), id.sessionId(), id.lastSeq()); // valid token, but not the session's user
            JsonNode invalid = gw.nextNonAck(WAIT);
            assertThat(invalid.get("op").asInt()).isEqualTo(9);
            assertThat(invalid.get("d").asBoolean(true)).isFalse();
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume(member.token(), "0123456789abcdef", 1);
            assertThat(gw.nextNonAck(WAIT).get("op").asInt()).isEqualTo(9);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume("not-a-token", id.sessionId(), id.lastSeq());
            assertThat(gw.closeCode(WAIT)).isEqualTo(4004);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume(member.token(), id.sessionId(), id.lastSeq() + 1000); // a seq the session never reached
            assertThat(gw.nextNonAck(WAIT).get("op").asInt()).isEqualTo(9);
        }
        // the refused attempts did not end the session: the right user still resumes it
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume(member.token(), id.sessionId(), id.lastSeq());
            assertThat(gw.nextDispatch("RESUMED", WAIT)).isNotNull();
            // closing with 1000 ends the session, as on Discord
            gw.closeWith(1000);
            assertThat(gw.closeCode(WAIT)).isEqualTo(1000);
        }
        awaitConnections(server, 0);
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.resume(member.token(), id.sessionId(), id.lastSeq());
            assertThat(gw.nextNonAck(WAIT).get("op").asInt()).isEqualTo(9);
        }
    }

    @Test
    void zlibStreamCompressesEveryPayloadThroughOneSharedContext() throws Exception {
        try (GatewayClient gw = GatewayClient.connect(url(server) + "&compress=zlib-stream")) {
            JsonNode hello = gw.next(WAIT);
            assertThat(hello.get("op").asInt()).isEqualTo(10);
            gw.heartbeat(0L);
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(11);
            gw.identify(member.token(), GUILDS | GUILD_MESSAGES);
            JsonNode ready = gw.nextDispatch("READY", WAIT);
            assertThat(ready).isNotNull();
            assertThat(ready.at("/d/session_id").asText()).isNotBlank();
            assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(post("compressed " + i + " " + "ü€".repeat(50)));
            }
            for (int i = 0; i < 3; i++) {
                JsonNode created = gw.nextDispatch("MESSAGE_CREATE", WAIT);
                assertThat(created).isNotNull();
                assertThat(created.at("/d/id").asText()).isEqualTo(ids.get(i));
                assertThat(created.at("/d/content").asText()).isEqualTo("compressed " + i + " " + "ü€".repeat(50));
            }
            assertThat(gw.textFrames()).as("no uncompressed frames").isZero();
            assertThat(gw.badSuffixes()).as("every message ends with 00 00 ff ff").isZero();
            assertThat(gw.binaryMessages()).isGreaterThanOrEqualTo(7);
        }
        // an unknown compress value is ignored: plain JSON text frames
        try (GatewayClient gw = GatewayClient.connect(url(server) + "&compress=snappy")) {
            assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
            assertThat(gw.textFrames()).isEqualTo(1);
        }
    }

    @Test
    void encodingPayloadSizeAndOpcodeErrorsKeepTheirCloseCodes() throws Exception {
        try (GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway?v=10&encoding=etf")) {
            assertThat(gw.closeCode(WAIT)).isEqualTo(4002);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.sendRaw("{\"op\":1,\"d\":null,\"pad\":\"" + "x".repeat(5000) + "\"}");
            assertThat(gw.closeCode(WAIT)).as("payloads over 4096 bytes").isEqualTo(4002);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.sendRaw("[1,2,3]");
            assertThat(gw.closeCode(WAIT)).isEqualTo(4002);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.sendRaw("{\"op\":6,\"d\":{\"token\":5}}");
            assertThat(gw.closeCode(WAIT)).as("malformed RESUME").isEqualTo(4002);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server))) {
            gw.next(WAIT);
            gw.sendRaw("{\"op\":99,\"d\":{}}");
            assertThat(gw.closeCode(WAIT)).isEqualTo(4001);
        }
        try (GatewayClient gw = GatewayClient.connect(url(server) + "&compress=zlib-stream")) {
            gw.next(WAIT);
            gw.identify(member.token(), GUILDS);
            assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
            gw.identify(member.token(), GUILDS);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4005);
        }
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void aSilentClientIsClosedWith4009AndResumesThenShutdownSendsReconnect() throws Exception {
        try (TestServer fast = TestServer.start("core_gateway_zombie", Map.of("gateway.heartbeat.interval.ms", "1000"))) {
            ApiClient fastApi = fast.client();
            Account u = fastApi.register("zombie");
            fastApi.createGuild(u, "Zombie Guild");
            // the client answers the server's 4009 with 1000: an answer, not the client ending its session
            GatewayClient gw = GatewayClient.connectAnsweringCloseWith1000(url(fast));
            assertThat(gw.next(WAIT).at("/d/heartbeat_interval").asInt()).isEqualTo(1000);
            gw.identify(u.token(), GUILDS | GUILD_MESSAGES);
            JsonNode ready = gw.nextDispatch("READY", WAIT);
            JsonNode create = gw.nextDispatch("GUILD_CREATE", WAIT);
            // no heartbeats: the server closes the zombie connection with 4009
            assertThat(gw.closeCode(WAIT)).isEqualTo(4009);
            gw.close();
            awaitConnections(fast, 0);

            try (GatewayClient resumed = GatewayClient.connect(ready.at("/d/resume_gateway_url").asText())) {
                resumed.next(WAIT);
                resumed.heartbeat(create.get("s").asLong());
                resumed.resume(u.token(), ready.at("/d/session_id").asText(), create.get("s").asLong());
                JsonNode r = resumed.nextDispatch("RESUMED", WAIT);
                assertThat(r).as("a timed-out session stays resumable").isNotNull();
                assertThat(r.get("s").asLong()).isEqualTo(create.get("s").asLong() + 1);

                // graceful shutdown: op 7 RECONNECT, then a close code after which clients resume
                resumed.heartbeat(r.get("s").asLong());
                fast.server().close();
                JsonNode reconnect = resumed.nextNonAck(WAIT);
                assertThat(reconnect).isNotNull();
                assertThat(reconnect.get("op").asInt()).isEqualTo(7);
                assertThat(resumed.closeCode(WAIT)).isEqualTo(4000);
            }
            // sessions live in memory: after a restart the RESUME is refused and IDENTIFY starts over
            fast.restart(Map.of());
            try (GatewayClient again = GatewayClient.connect(url(fast))) {
                again.next(WAIT);
                again.resume(u.token(), ready.at("/d/session_id").asText(), create.get("s").asLong());
                assertThat(again.nextNonAck(WAIT).get("op").asInt()).isEqualTo(9);
                again.identify(u.token(), GUILDS);
                assertThat(again.nextDispatch("READY", WAIT)).isNotNull();
            }
        }
    }
}

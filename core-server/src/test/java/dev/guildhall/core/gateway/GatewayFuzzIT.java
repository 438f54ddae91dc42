package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the gateway's input handling against a real server over real WebSockets: whatever a client
 * sends, the connection ends with the documented close code (4001 unknown opcode, 4002 decode error, 4003 not
 * authenticated, 4004 authentication failed, 4005 already authenticated, 4013 invalid intents) or gets the
 * documented answer, and the server stays healthy: after every try a fresh IDENTIFY gets READY.
 */
class GatewayFuzzIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Opcodes a client may send (2 and 6 start a session; the rest need one). */
    private static final Set<Integer> CLIENT_OPS = Set.of(1, 2, 3, 4, 6, 8, 31);

    private static TestServer server;
    private static Account fuzzer;
    private static Account checker;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start("core_gateway_fuzz", Map.of("gateway.heartbeat.interval.ms", "30000"));
        ApiClient api = server.client();
        fuzzer = api.register("fuzzer");
        checker = api.register("checker");
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient hello() throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        JsonNode hello = gw.next(WAIT);
        assertThat(hello).isNotNull();
        assertThat(hello.get("op").asInt()).isEqualTo(10);
        return gw;
    }

    private static GatewayClient identified(Account a) throws InterruptedException {
        GatewayClient gw = hello();
        gw.identify(a.token(), 1);
        assertThat(gw.nextDispatch("READY", WAIT)).as("READY").isNotNull();
        return gw;
    }

    /** The server still works: a fresh connection identifies and gets READY, REST answers. */
    private static void assertHealthy() throws InterruptedException {
        try (GatewayClient gw = identified(checker)) {
            gw.heartbeat(null);
            assertThat(gw.next(WAIT).get("op").asInt()).as("heartbeat ACK").isEqualTo(11);
        }
        assertThat(server.server().isHealthy()).isTrue();
    }

    private static void assertClosedWith(GatewayClient gw, String sent, Integer... codes) {
        assertThat(gw.closeCode(WAIT)).as("close code after " + abbreviate(sent)).isIn((Object[]) codes);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
    }

    private static String payload(Object op, JsonNode d) {
        ObjectNode p = NODES.objectNode();
        if (op instanceof JsonNode n) {
            p.set("op", n);
        } else {
            p.put("op", (Integer) op);
        }
        p.set("d", d);
        return p.toString();
    }

    // ---- generators

    @Provide
    Arbitrary<String> notAnOpObject() {
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789opdtruefalsn .e-\\")
                .ofMaxLength(60);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120);
        return Arbitraries.oneOf(jsonish, printable).filter(s -> !isOpObject(s));
    }

    private static boolean isOpObject(String s) {
        try {
            JsonNode n = ApiClient.JSON.readTree(s);
            return n != null && n.isObject() && n.path("op").isIntegralNumber() && n.get("op").canConvertToInt();
        } catch (Exception e) {
            return false;
        }
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(24).map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.integers().map(i -> (JsonNode) IntNode.valueOf(i)),
                Arbitraries.longs().map(l -> (JsonNode) LongNode.valueOf(l)),
                Arbitraries.doubles().between(-1e9, 1e9).map(x -> (JsonNode) DoubleNode.valueOf(x)),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance),
                Arbitraries.of(NODES.objectNode(), NODES.arrayNode().add(1).add("x"),
                        NODES.textNode("99999999999999999999"), NODES.numberNode(new java.math.BigInteger(
                                "99999999999999999999999"))));
    }

    /** Objects with some of the given fields, each a random value or absent. */
    private Arbitrary<JsonNode> objectsWith(String... fields) {
        Arbitrary<JsonNode> maybe = Arbitraries.oneOf(values(), Arbitraries.just(null));
        return maybe.list().ofSize(fields.length).map(vals -> {
            ObjectNode o = NODES.objectNode();
            for (int i = 0; i < fields.length; i++) {
                if (vals.get(i) != null) {
                    o.set(fields[i], vals.get(i));
                }
            }
            return (JsonNode) o;
        });
    }

    // ---- properties

    @Property(tries = 40)
    void whatIsNotAnObjectWithAnIntegerOpIsADecodeError(@ForAll("notAnOpObject") String text) throws Exception {
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            assertClosedWith(gw, text, 4002);
        }
        assertHealthy();
    }

    @Property(tries = 25)
    void opOfTheWrongTypeIsADecodeError(@ForAll("values") JsonNode op) throws Exception {
        Assume.that(!(op.isIntegralNumber() && op.canConvertToInt()));
        String text = payload(op, NullNode.instance);
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            assertClosedWith(gw, text, 4002);
        }
        assertHealthy();
    }

    @Property(tries = 25)
    void unknownOpcodesCloseWith4001(@ForAll int op, @ForAll boolean identifiedFirst) throws Exception {
        Assume.that(!CLIENT_OPS.contains(op));
        String text = payload(op, NullNode.instance);
        try (GatewayClient gw = identifiedFirst ? identified(fuzzer) : hello()) {
            gw.sendRaw(text);
            assertClosedWith(gw, text, 4001);
        }
        assertHealthy();
    }

    @Property(tries = 12)
    void sessionOpcodesBeforeIdentifyClose4003(@ForAll("sessionOps") int op, @ForAll("values") JsonNode d)
            throws Exception {
        String text = payload(op, d);
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            assertClosedWith(gw, text, 4003);
        }
        assertHealthy();
    }

    @Provide
    Arbitrary<Integer> sessionOps() {
        return Arbitraries.of(3, 4, 8, 31);
    }

    @Property(tries = 20)
    void heartbeatsTakeASequenceNumberOrNull(@ForAll("values") JsonNode d) throws Exception {
        String text = payload(1, d);
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            if (d.isNull() || (d.isIntegralNumber() && d.canConvertToLong())) {
                JsonNode ack = gw.next(WAIT);
                assertThat(ack).as(text).isNotNull();
                assertThat(ack.get("op").asInt()).isEqualTo(11);
            } else {
                assertClosedWith(gw, text, 4002);
            }
        }
        assertHealthy();
    }

    @Property(tries = 12)
    void framesOverTheLimitCloseWithADecodeError(@ForAll @IntRange(min = 4097, max = 200_000) int size)
            throws Exception {
        String text = "{\"op\":1,\"d\":null,\"pad\":\"" + "x".repeat(size) + "\"}";
        try (GatewayClient gw = hello()) {
            boolean sentInFull = gw.sendRawUnlessClosed(text);
            // up to the WebSocket decoder's 64 KiB frame limit the gateway reads the frame and answers 4002; beyond,
            // the decoder refuses it from its header with 1009 and closes, possibly while the client is still
            // sending: then the close frame may be lost to the connection reset, but a code that arrives is 1009
            if (text.length() <= 64 * 1024) {
                assertThat(sentInFull).as("a frame within the limit is read in full").isTrue();
                assertClosedWith(gw, text, 4002);
            } else if (sentInFull) {
                assertClosedWith(gw, text, 4002, 1009);
            } else {
                Integer code = gw.closeCode(WAIT);
                if (code != null) {
                    assertThat(code).as("close code after " + abbreviate(text)).isIn(4002, 1009);
                }
            }
        }
        assertHealthy();
    }

    @Property(tries = 8)
    void binaryFramesCloseWithADecodeError(@ForAll @Size(max = 512) byte[] data) throws Exception {
        try (GatewayClient gw = hello()) {
            gw.sendBinary(data);
            assertClosedWith(gw, "binary frame", 4002);
        }
        assertHealthy();
    }

    @Property(tries = 25)
    void resumeWithGarbageIsRefusedTheDocumentedWay(@ForAll("resumeData") JsonNode d) throws Exception {
        String text = payload(6, d);
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            boolean wellTyped = d.isObject() && d.path("token").isTextual() && d.path("session_id").isTextual()
                    && (d.path("seq").isIntegralNumber() || d.path("seq").isNull() || d.path("seq").isMissingNode());
            if (!wellTyped) {
                assertClosedWith(gw, text, 4002);
            } else if (!d.get("token").textValue().equals(fuzzer.token())) {
                assertClosedWith(gw, text, 4004);
            } else {
                JsonNode invalid = gw.nextNonAck(WAIT);
                assertThat(invalid.get("op").asInt()).as(text).isEqualTo(9);
                assertThat(invalid.get("d").asBoolean()).isFalse();
            }
        }
        assertHealthy();
    }

    @Provide
    Arbitrary<JsonNode> resumeData() {
        Arbitrary<JsonNode> typed = Combinators.combine(Arbitraries.of("garbage-token", "Bot x.y", ""),
                        Arbitraries.strings().alpha().ofMaxLength(32), Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.of(true, false))
                .as((token, session, seq, real) -> (JsonNode) NODES.objectNode()
                        .put("token", real ? fuzzer.token() : token).put("session_id", session).put("seq", seq));
        return Arbitraries.oneOf(values(), objectsWith("token", "session_id", "seq"), typed);
    }

    @Property(tries = 25)
    void identifyWithGarbageIsRefusedTheDocumentedWay(@ForAll("identifyData") JsonNode d) throws Exception {
        String text = payload(2, d);
        try (GatewayClient gw = hello()) {
            gw.sendRaw(text);
            if (!d.isObject() || !d.path("token").isTextual()) {
                assertClosedWith(gw, text, 4002);
            } else if (!d.get("token").textValue().equals(fuzzer.token())) {
                assertClosedWith(gw, text, 4004);
            } else if (validIntents(d.get("intents"))) {
                assertThat(gw.nextDispatch("READY", WAIT)).as(text).isNotNull();
            } else {
                assertClosedWith(gw, text, 4013);
            }
        }
        assertHealthy();
    }

    private static boolean validIntents(JsonNode intents) {
        if (intents == null || intents.isNull()) {
            return true; // a user session without intents gets everything
        }
        long raw = intents.isIntegralNumber() && intents.canConvertToLong() ? intents.longValue()
                : intents.isTextual() && intents.textValue().matches("\\d{1,10}")
                ? Long.parseLong(intents.textValue()) : -1;
        return Intents.isValid(raw);
    }

    @Provide
    Arbitrary<JsonNode> identifyData() {
        Arbitrary<JsonNode> withToken = values().map(intents -> {
            ObjectNode d = NODES.objectNode().put("token", fuzzer.token());
            d.set("intents", intents);
            d.putObject("properties").put("os", "fuzz");
            return (JsonNode) d;
        });
        return Arbitraries.oneOf(values(), objectsWith("token", "intents", "properties"), withToken);
    }

    @Example
    void identifyOrResumeTwiceClosesWith4005() throws Exception {
        try (GatewayClient gw = identified(fuzzer)) {
            gw.identify(fuzzer.token(), 1);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4005);
        }
        try (GatewayClient gw = identified(fuzzer)) {
            gw.resume(fuzzer.token(), "whatever", 1);
            assertThat(gw.closeCode(WAIT)).isEqualTo(4005);
        }
        assertHealthy();
    }

    @Example
    void everyIdentifyCountsAgainstTheSessionStartLimitAndResumesDoNot() throws Exception {
        ApiClient api = server.client();
        Account fresh = api.register("starts");
        JsonNode before = api.get("/api/v10/gateway/bot", fresh.token()).body().get("session_start_limit");
        assertThat(before.get("total").asInt()).isEqualTo(1000);
        assertThat(before.get("remaining").asInt()).isEqualTo(1000);
        assertThat(before.get("reset_after").asLong()).isEqualTo(86_400_000L);
        assertThat(before.get("max_concurrency").asInt()).isEqualTo(1);
        String sessionId;
        GatewayClient first = hello();
        first.identify(fresh.token(), 1);
        sessionId = first.nextDispatch("READY", WAIT).at("/d/session_id").asText();
        first.drop();
        try (GatewayClient second = identified(fresh)) {
            assertThat(second).isNotNull();
        }
        try (GatewayClient resumed = hello()) {
            resumed.resume(fresh.token(), sessionId, 1);
            assertThat(resumed.nextDispatch("RESUMED", WAIT)).isNotNull();
        }
        JsonNode after = api.get("/api/v10/gateway/bot", fresh.token()).body().get("session_start_limit");
        assertThat(after.get("remaining").asInt()).isEqualTo(998);
        assertThat(after.get("reset_after").asLong()).isBetween(86_000_000L, 86_400_000L);
    }
}

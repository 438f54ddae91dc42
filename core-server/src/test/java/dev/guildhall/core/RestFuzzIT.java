package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the REST API over real HTTP against a real core-server: every route with path
 * parameters gets garbage in each of them, every route that reads a body gets malformed JSON, JSON of the wrong
 * top-level type, fields of the wrong type, unknown fields, other Content-Types, non-UTF-8 bytes and deep nesting;
 * message content around the 2000-character limit, query parameters out of range and oversized bodies.
 * Every request must be answered within {@link #BOUND} with a status below 500 and Discord's error body, with the
 * code Discord gives; after each property the server is still healthy.
 */
class RestFuzzIT {
    /** No request may take longer (a hang is a failure, not a slow pass). */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String channelId;
    private static String messageId;
    private static String applicationId;
    private static String inviteCode;
    private static String roleId;
    private static String webhookId;
    private static String webhookToken;
    private static String commandId;
    private static HttpClient http;
    private static List<Router.Route> routes;
    /** Literal path segments of all routes: garbage equal to one would hit another route (/users/@me). */
    private static Set<String> literals;
    /** Every POST/PATCH/PUT route that parses a JSON body (answers 50109 to "{"), found by asking the server. */
    private static List<BodyRoute> bodyReadingRoutes;
    /** Those of them whose body is a JSON array (positions, bulk overwrites): LIST_TYPE_CONVERT to an object. */
    private static Set<String> arrayBodyRoutes;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start("core_fuzz", Map.of("ratelimit.enabled", "false"));
        api = server.client();
        http = HttpClient.newBuilder().connectTimeout(BOUND).build();
        owner = api.register("fuzzowner");
        guildId = api.createGuild(owner, "Fuzz Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        messageId = api.sendMessage(owner.auth(), channelId, "fixture").str("id");
        ApiClient.Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Fuzz App"));
        applicationId = app.str("id");
        inviteCode = api.post("/api/v10/channels/" + channelId + "/invites", owner.auth(), Map.of("max_age", 0))
                .str("code");
        roleId = created(api.post("/api/v10/guilds/" + guildId + "/roles", owner.auth(), Map.of("name", "Fuzz Role")))
                .str("id");
        ApiClient.Response webhook = created(api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(),
                Map.of("name", "Fuzz Hook")));
        webhookId = webhook.str("id");
        webhookToken = webhook.str("token");
        commandId = created(api.post("/api/v10/applications/" + applicationId + "/commands", owner.auth(),
                Map.of("name", "fuzz", "description", "fuzz command"))).str("id");
        routes = server.server().apiRoutes();
        literals = new HashSet<>();
        for (Router.Route r : routes) {
            for (String s : r.segments()) {
                if (!s.startsWith("{")) {
                    literals.add(s);
                }
            }
        }
        bodyReadingRoutes = new ArrayList<>();
        arrayBodyRoutes = new HashSet<>();
        for (Router.Route r : routes) {
            String method = r.method().name();
            if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
                String path = pathOf(r, null, null);
                String auth = revokesTheCallersTokens(r.template()) ? disposableAuth() : owner.auth();
                if (send(method, path, auth, "application/json", bytes("{")).code() == 50109) {
                    BodyRoute found = new BodyRoute(method, path, true, Map.of(), RestFuzzIT::obj, -1);
                    bodyReadingRoutes.add(found);
                    Answer object = send(method, path, auth, "application/json", bytes("{}"));
                    if (object.code() == 50035
                            && object.body.at("/errors/_errors/0/code").asText().equals("LIST_TYPE_CONVERT")) {
                        arrayBodyRoutes.add(found.toString());
                    }
                }
                assertThat(send("GET", "/api/v10/users/@me", owner.auth(), null, null).status)
                        .as(method + " " + r.template() + " revoked the fuzz's own token: list it in "
                                + "revokesTheCallersTokens so that it gets a disposable account").isEqualTo(200);
            }
        }
    }

    /**
     * Routes that revoke the calling token (logout) or all of the caller's tokens: fuzzed with a fresh account's
     * token, never the owner's, which every other request needs.
     */
    private static boolean revokesTheCallersTokens(String template) {
        return template.equals("/auth/logout") || template.equals("/auth/tokens/revoke-all");
    }

    /** The token of a fresh account that the fuzz can afford to lose. */
    private static String disposableAuth() {
        return api.register("fuzz-spare").auth();
    }

    private static ApiClient.Response created(ApiClient.Response r) {
        assertThat(r.status()).as(r.raw()).isBetween(200, 201);
        return r;
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterProperty
    void serverStaysHealthy() {
        Answer health = send("GET", "/health", null, null, null);
        assertThat(health.status).as("GET /health after the property").isEqualTo(200);
        Answer post = send("POST", "/api/v10/channels/" + channelId + "/messages", owner.auth(), "application/json",
                bytes("{\"content\":\"still alive\"}"));
        assertThat(post.status).as("a normal request after the property: " + post.raw).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------------------
    // path parameters (every route the server registers)
    // ------------------------------------------------------------------------------------------------------------

    record PathCase(Router.Route route, String param, String garbage) {
        @Override
        public String toString() {
            return route.method() + " " + route.template() + " " + param + "=" + garbage;
        }
    }

    @Example
    void everyRouteWithPathParametersHasACase() {
        List<PathCase> cases = pathParamSlots();
        assertThat(cases).as("routes with path parameters").isNotEmpty();
        for (PathCase slot : cases) {
            checkPathGarbage(new PathCase(slot.route(), slot.param(), "abc"));
        }
    }

    @Property(tries = 300)
    void garbageInAnyPathParameterIsAnsweredLikeDiscord(@ForAll("pathCases") PathCase c) {
        checkPathGarbage(c);
    }

    @Provide
    Arbitrary<PathCase> pathCases() {
        return Combinators.combine(Arbitraries.of(pathParamSlots()), garbageSegments())
                .as((slot, garbage) -> new PathCase(slot.route(), slot.param(), garbage));
    }

    private static List<PathCase> pathParamSlots() {
        List<PathCase> slots = new ArrayList<>();
        for (Router.Route r : routes) {
            Matcher m = PARAM.matcher(r.template());
            while (m.find()) {
                slots.add(new PathCase(r, m.group(1), null));
            }
        }
        return slots;
    }

    /** Path segments that are not snowflakes: any text without '/', not a route literal, not all digits. */
    private static Arbitrary<String> garbageSegments() {
        Arbitrary<String> any = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.contains("/"));
        Arbitrary<String> edge = Arbitraries.of("-1", "1.5", "1e3", "0x10", " 1", "1 ", "18446744073709551616",
                "99999999999999999999999999", "null", "undefined", "%00", "\u0000", "💥", "1;DROP TABLE users",
                "'", "\"", "\\", "@me2", "-0", "١٢٣");
        // "." and ".." could be normalised away by a client; lone surrogates cannot be percent-encoded
        return Arbitraries.oneOf(any, edge)
                .filter(s -> !literals.contains(s) && !s.matches("\\+?[0-9]+") && !s.equals(".") && !s.equals("..")
                        && encodable(s));
    }

    private static void checkPathGarbage(PathCase c) {
        String path = pathOf(c.route(), c.param(), c.garbage());
        boolean withBody = !c.route().method().name().equals("GET") && !c.route().method().name().equals("DELETE");
        Answer a = send(c.route().method().name(), path, owner.auth(), "application/json",
                withBody ? bytes("{}") : null);
        assertDiscordError(a, c.toString());
        if (c.garbage().indexOf('\0') >= 0) {
            // no stored value holds NUL: refused as undecodable, like broken percent-encoding
            assertThat(a.status).as(c + ": " + a.raw).isEqualTo(400);
            assertThat(a.code()).as(c + ": " + a.raw).isZero();
        } else if (c.param().endsWith("_id")) {
            assertThat(a.status).as(c + ": " + a.raw).isEqualTo(400);
            assertThat(a.code()).as(c + ": " + a.raw).isEqualTo(50035);
            JsonNode error = a.body.at("/errors/" + c.param() + "/_errors/0");
            assertThat(error.path("code").asText()).as(c + ": " + a.raw).isEqualTo("NUMBER_TYPE_COERCE");
            assertThat(error.path("message").asText()).as(c + ": " + a.raw)
                    .isEqualTo("Value \"" + c.garbage() + "\" is not snowflake.");
        }
        // other parameters (emoji, invite code) are free text: garbage may even be valid (an emoji), so only the
        // general rule holds for them
    }

    /** The route's path with valid fixtures in every parameter but {@code garbled}. */
    private static String pathOf(Router.Route route, String garbled, String garbage) {
        Matcher m = PARAM.matcher(route.template());
        StringBuilder out = new StringBuilder("/api/v10");
        int last = 0;
        while (m.find()) {
            out.append(route.template(), last, m.start());
            String name = m.group(1);
            out.append(encodePath(name.equals(garbled) ? garbage : fixture(name)));
            last = m.end();
        }
        out.append(route.template().substring(last));
        return out.toString();
    }

    private static String fixture(String param) {
        return switch (param) {
            case "channel_id" -> channelId;
            case "message_id" -> messageId;
            case "guild_id" -> guildId;
            case "user_id" -> owner.userId();
            case "application_id" -> applicationId;
            case "code" -> inviteCode;
            case "role_id" -> roleId;
            case "webhook_id" -> webhookId;
            case "webhook_token" -> webhookToken;
            case "command_id" -> commandId;
            case "overwrite_id" -> guildId; // the @everyone role
            case "emoji" -> "👍";
            default -> param.endsWith("_id") ? "1" : "x";
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // bodies (every route that reads a JSON body)
    // ------------------------------------------------------------------------------------------------------------

    enum Kind { STRING, INT, BOOL, NONCE, OBJECT, LIST }

    /** A route that reads a JSON body: its fields and a valid body (fresh per call) that succeeds with {@code ok}. */
    record BodyRoute(String method, String path, boolean authenticated, Map<String, Kind> fields,
                     Supplier<ObjectNode> valid, int ok) { // ok -1: not known (a route found, not listed)
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<BodyRoute> bodyRoutes() {
        String messages = "/api/v10/channels/" + channelId + "/messages";
        return List.of(
                new BodyRoute("POST", "/api/v10/auth/register", false,
                        fields("username", Kind.STRING, "password", Kind.STRING),
                        () -> obj("username", "fuzz-" + UUID.randomUUID().toString().substring(0, 8),
                                "password", "correct horse"), 201),
                new BodyRoute("POST", "/api/v10/auth/login", false,
                        fields("username", Kind.STRING, "password", Kind.STRING),
                        () -> obj("username", owner.username(), "password", "correct horse"), 200),
                new BodyRoute("POST", "/api/v10/applications", true,
                        fields("name", Kind.STRING, "flags", Kind.INT), () -> obj("name", "Fuzz App"), 201),
                new BodyRoute("PATCH", "/api/v10/applications/" + applicationId, true,
                        fields("name", Kind.STRING, "flags", Kind.INT), () -> obj("name", "Fuzz App"), 200),
                new BodyRoute("POST", "/api/v10/guilds", true, fields("name", Kind.STRING),
                        () -> obj("name", "Fuzz Guild"), 201),
                new BodyRoute("POST", "/api/v10/channels/" + channelId + "/invites", true,
                        fields("max_age", Kind.INT, "max_uses", Kind.INT, "temporary", Kind.BOOL,
                                "unique", Kind.BOOL), () -> obj(), 200),
                new BodyRoute("POST", messages, true,
                        fields("content", Kind.STRING, "tts", Kind.BOOL, "enforce_nonce", Kind.BOOL,
                                "nonce", Kind.NONCE, "message_reference", Kind.OBJECT),
                        () -> obj("content", "fuzz"), 200),
                new BodyRoute("PATCH", messages + "/" + messageId, true, fields("content", Kind.STRING),
                        () -> obj("content", "fuzz edit"), 200),
                new BodyRoute("POST", messages + "/bulk-delete", true, fields("messages", Kind.LIST),
                        RestFuzzIT::twoFreshMessages, 204),
                new BodyRoute("PATCH", "/api/v10/guilds/" + guildId, true, fields("name", Kind.STRING),
                        () -> obj("name", "Fuzz Guild"), 200),
                new BodyRoute("POST", "/api/v10/guilds/" + guildId + "/channels", true,
                        fields("name", Kind.STRING, "topic", Kind.STRING),
                        () -> obj("name", "fuzz-channel"), 201),
                new BodyRoute("PATCH", "/api/v10/channels/" + channelId, true,
                        fields("name", Kind.STRING, "topic", Kind.STRING), () -> obj("topic", "fuzzed"), 200),
                new BodyRoute("POST", "/api/v10/guilds/" + guildId + "/roles", true, fields("name", Kind.STRING),
                        () -> obj("name", "Fuzz Role"), 200),
                new BodyRoute("PATCH", "/api/v10/guilds/" + guildId + "/roles/" + roleId, true,
                        fields("name", Kind.STRING), () -> obj("name", "Fuzz Role"), 200),
                new BodyRoute("PATCH", "/api/v10/guilds/" + guildId + "/members/@me", true,
                        fields("nick", Kind.STRING), () -> obj("nick", "fuzzer"), 200),
                new BodyRoute("POST", "/api/v10/channels/" + channelId + "/threads", true,
                        fields("name", Kind.STRING), () -> obj("name", "fuzz thread"), 201),
                new BodyRoute("POST", "/api/v10/channels/" + channelId + "/webhooks", true,
                        fields("name", Kind.STRING), () -> obj("name", "Fuzz Hook"), 200),
                new BodyRoute("PATCH", "/api/v10/webhooks/" + webhookId, true, fields("name", Kind.STRING),
                        () -> obj("name", "Fuzz Hook"), 200),
                new BodyRoute("POST", "/api/v10/webhooks/" + webhookId + "/" + webhookToken, false,
                        fields("content", Kind.STRING, "username", Kind.STRING), () -> obj("content", "hook"), 204),
                new BodyRoute("PATCH", "/api/v10/applications/" + applicationId + "/commands/" + commandId, true,
                        fields("name", Kind.STRING, "description", Kind.STRING),
                        () -> obj("description", "fuzz command"), 200));
    }

    /** The listed routes with their fields and valid bodies. */
    @Provide
    Arbitrary<BodyRoute> listedBodyRoute() {
        return Arbitraries.of(bodyRoutes());
    }

    /** Every route that reads a body: the listed ones, and any other the server has (body-level checks only). */
    @Provide
    Arbitrary<BodyRoute> bodyRoute() {
        List<BodyRoute> all = new ArrayList<>(bodyRoutes());
        Set<String> listed = new HashSet<>();
        all.forEach(r -> listed.add(r.toString()));
        bodyReadingRoutes.stream().filter(r -> !listed.contains(r.toString())).forEach(all::add);
        return Arbitraries.of(all);
    }

    @Example
    void theListedBodyRoutesAreFoundAmongTheRoutesThatReadABody() {
        List<String> found = bodyReadingRoutes.stream().map(BodyRoute::toString).toList();
        assertThat(found).containsAll(bodyRoutes().stream().map(BodyRoute::toString).toList());
    }

    @Example
    void everyBodyRouteAcceptsItsValidBody() {
        for (BodyRoute r : bodyRoutes()) {
            Answer a = sendBody(r, bytes(r.valid().get().toString()), "application/json");
            assertThat(a.status).as(r + ": " + a.raw).isEqualTo(r.ok());
        }
    }

    @Property(tries = 150)
    void malformedJsonIs50109(@ForAll("bodyRoute") BodyRoute route, @ForAll("malformedJson") String body) {
        Answer a = sendBody(route, bytes(body), "application/json");
        assertDiscordError(a, route + " " + body);
        assertThat(a.status).as(route + " " + body + ": " + a.raw).isEqualTo(400);
        assertThat(a.code()).as(route + " " + body + ": " + a.raw).isEqualTo(50109);
        assertThat(a.body.path("message").asText()).isEqualTo("The request body contains invalid JSON.");
    }

    @Provide
    Arbitrary<String> malformedJson() {
        String valid = "{\"content\":\"hi\",\"nonce\":[1,{\"a\":true}]}";
        Arbitrary<String> prefixes = Arbitraries.integers().between(1, valid.length() - 1).map(n -> valid.substring(0, n));
        Arbitrary<String> trailing = Arbitraries.strings().withChars("x}]{[,:1\"").ofMinLength(1).ofMaxLength(5)
                .map(s -> valid + s).filter(s -> !s.equals(valid));
        Arbitrary<String> fixed = Arbitraries.of("{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\" 1}", "[1,2",
                "nul", "tru", "\"unterminated", "{\"a\":NaN}", "{\"a\":Infinity}", "{} {}", "{\"a\":01}",
                "{\"a\":\"\\x\"}", "{a:1}", "//\n{}", "{\"a\":1}}", "\u0000", "{\"a\":\"\u0001\"}");
        return Arbitraries.oneOf(prefixes, trailing, fixed);
    }

    /** An object body where an object is expected is DICT_TYPE_CONVERT; an array body where one is, LIST_... */
    @Property(tries = 80)
    void jsonOfAnotherTopLevelTypeIsDictOrListTypeConvert(@ForAll("bodyRoute") BodyRoute route,
                                                          @ForAll("topLevelJson") JsonNode value) {
        boolean array = arrayBodyRoutes.contains(route.toString());
        Assume.that(array ? !value.isArray() : !value.isObject());
        String body = value.toString();
        Answer a = sendBody(route, bytes(body), "application/json");
        assertDiscordError(a, route + " " + body);
        assertThat(a.status).as(route + " " + body + ": " + a.raw).isEqualTo(400);
        assertThat(a.code()).as(route + " " + body + ": " + a.raw).isEqualTo(50035);
        assertThat(a.body.at("/errors/_errors/0/code").asText()).as(a.raw)
                .isEqualTo(array ? "LIST_TYPE_CONVERT" : "DICT_TYPE_CONVERT");
    }

    @Provide
    Arbitrary<JsonNode> topLevelJson() {
        return jsonValues(2);
    }

    @Example
    void theArrayBodyRoutesAreTheDocumentedOnes() {
        assertThat(arrayBodyRoutes).containsExactlyInAnyOrder(
                "PATCH /api/v10/guilds/" + guildId + "/channels",
                "PATCH /api/v10/guilds/" + guildId + "/roles",
                "PUT /api/v10/applications/" + applicationId + "/commands",
                "PUT /api/v10/applications/" + applicationId + "/guilds/" + guildId + "/commands");
    }

    record FieldCase(BodyRoute route, String field, JsonNode value) {
        @Override
        public String toString() {
            return route + " " + field + "=" + value;
        }
    }

    @Property(tries = 200)
    void aFieldOfTheWrongTypeIs50035OnThatField(@ForAll("wrongFields") FieldCase c) {
        ObjectNode body = c.route().valid().get();
        body.set(c.field(), c.value());
        Answer a = sendBody(c.route(), bytes(body.toString()), "application/json");
        assertDiscordError(a, c.toString());
        assertThat(a.status).as(c + ": " + a.raw).isEqualTo(400);
        assertThat(a.code()).as(c + ": " + a.raw).isEqualTo(50035);
        JsonNode error = a.body.at("/errors/" + c.field() + "/_errors/0");
        assertThat(error.path("code").asText()).as(c + ": " + a.raw)
                .isEqualTo(expectedCode(c.route().fields().get(c.field())));
        assertThat(error.path("message").isTextual()).as(a.raw).isTrue();
    }

    @Provide
    Arbitrary<FieldCase> wrongFields() {
        List<Arbitrary<FieldCase>> all = new ArrayList<>();
        for (BodyRoute r : bodyRoutes()) {
            r.fields().forEach((field, kind) -> all.add(jsonValues(2).filter(v -> isWrong(kind, v))
                    .map(v -> new FieldCase(r, field, v))));
        }
        return Arbitraries.oneOf(all);
    }

    private static boolean isWrong(Kind kind, JsonNode v) {
        if (v.isNull()) {
            return false; // null reads as absent
        }
        return switch (kind) {
            case STRING -> !v.isTextual();
            case INT -> !(v.isIntegralNumber() || v.isTextual() && v.textValue().matches("-?\\d{1,18}"));
            case BOOL -> !v.isBoolean();
            case NONCE -> !(v.isTextual() || v.isIntegralNumber() && v.canConvertToLong());
            case OBJECT -> !v.isObject();
            case LIST -> !v.isArray();
        };
    }

    private static String expectedCode(Kind kind) {
        return switch (kind) {
            case STRING -> "BASE_TYPE_STRING";
            case INT -> "NUMBER_TYPE_COERCE";
            case BOOL -> "BASE_TYPE_BOOLEAN";
            case NONCE -> "NONCE_TYPE_INVALID";
            case OBJECT -> "MODEL_TYPE_CONVERT";
            case LIST -> "LIST_TYPE_CONVERT";
        };
    }

    @Property(tries = 60)
    void unknownFieldsAreIgnored(@ForAll("listedBodyRoute") BodyRoute route, @ForAll("extraFields") ObjectNode extra) {
        ObjectNode body = route.valid().get();
        body.setAll(extra);
        Answer a = sendBody(route, bytes(body.toString()), "application/json");
        assertThat(a.status).as(route + " " + body + ": " + a.raw).isEqualTo(route.ok());
    }

    @Provide
    Arbitrary<ObjectNode> extraFields() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(10)
                .map(s -> "zz_unknown_" + s);
        return Combinators.combine(names.list().ofMinSize(1).ofMaxSize(4), jsonValues(3).list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
    }

    @Property(tries = 60)
    void aBodyOfAnotherContentTypeIsContentTypeInvalid(@ForAll("bodyRoute") BodyRoute route,
                                                        @ForAll("otherContentTypes") String contentType) {
        Answer a = sendBody(route, bytes(route.valid().get().toString()), contentType.isEmpty() ? null : contentType);
        assertDiscordError(a, route + " " + contentType);
        assertThat(a.status).as(route + " Content-Type " + contentType + ": " + a.raw).isEqualTo(400);
        assertThat(a.code()).as(a.raw).isEqualTo(50035);
        assertThat(a.body.at("/errors/_errors/0/code").asText()).as(a.raw).isEqualTo("CONTENT_TYPE_INVALID");
    }

    @Provide
    Arbitrary<String> otherContentTypes() {
        // multipart/form-data is no other type: Discord reads the JSON from its payload_json part
        return Arbitraries.of("", "text/plain", "text/json", "application/x-www-form-urlencoded",
                "multipart/mixed; boundary=x", "application/xml", "application/jsonx", "json", "*/*",
                "application/json-patch+json");
    }

    @Example
    void everyListedBodyRouteReadsItsBodyFromMultipartPayloadJson() {
        for (BodyRoute r : bodyRoutes()) {
            Answer a = sendBody(r, multipart(bytes(r.valid().get().toString())), MULTIPART);
            assertThat(a.status).as(r + " (multipart): " + a.raw).isEqualTo(r.ok());
        }
    }

    /** Whatever a multipart payload_json part holds: never a 5xx, and broken JSON in it is 50109 as in a body. */
    @Property(tries = 60)
    void anyMultipartPayloadIsAnsweredLikeDiscord(@ForAll("bodyRoute") BodyRoute route,
                                                  @ForAll("malformedJson") String json) {
        Answer a = sendBody(route, multipart(bytes(json)), MULTIPART);
        assertDiscordError(a, route + " multipart " + json);
        assertThat(a.code()).as(route + " multipart " + json + ": " + a.raw).isEqualTo(50109);
        Answer unreadable = sendBody(route, bytes(json), MULTIPART); // no parts at all: an empty form
        assertDiscordError(unreadable, route + " multipart without parts " + json);
    }

    private static final String MULTIPART = "multipart/form-data; boundary=fuzzboundary";

    /** A form with a file part and the JSON in its payload_json part, as discord.js and JDA send it. */
    private static byte[] multipart(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("--fuzzboundary\r\nContent-Disposition: form-data; name=\"files[0]\"; "
                + "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"));
        out.writeBytes(bytes("--fuzzboundary\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n"));
        out.writeBytes(json);
        out.writeBytes(bytes("\r\n--fuzzboundary--\r\n"));
        return out.toByteArray();
    }

    @Example
    void jsonContentTypesWithParametersOrOtherCaseAreJson() {
        BodyRoute guilds = bodyRoutes().get(4);
        for (String type : List.of("application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8")) {
            Answer a = sendBody(guilds, bytes(guilds.valid().get().toString()), type);
            assertThat(a.status).as(type + ": " + a.raw).isEqualTo(201);
        }
    }

    @Property(tries = 60)
    void bytesThatAreNotUtf8Are50109(@ForAll("bodyRoute") BodyRoute route, @ForAll("invalidUtf8") byte[] bad) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("{\"content\":\"a"));
        body.writeBytes(bad);
        body.writeBytes(bytes("\",\"name\":\"x\"}"));
        Answer a = sendBody(route, body.toByteArray(), "application/json");
        assertDiscordError(a, route.toString());
        assertThat(a.status).as(a.raw).isEqualTo(400);
        assertThat(a.code()).as(a.raw).isEqualTo(50109);
    }

    @Provide
    Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(
                new byte[]{(byte) 0xff}, new byte[]{(byte) 0xfe, (byte) 0xff}, new byte[]{(byte) 0x80},
                new byte[]{(byte) 0xc3, (byte) 0x28}, new byte[]{(byte) 0xe2, (byte) 0x28, (byte) 0xa1},
                new byte[]{(byte) 0xf0, (byte) 0x28, (byte) 0x8c, (byte) 0xbc}, new byte[]{(byte) 0xc3},
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[]{(byte) 0xf8, (byte) 0x88, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xe9, (byte) 0x61});
    }

    @Property(tries = 40)
    void deepNestingIsRefusedWithoutHarm(@ForAll("bodyRoute") BodyRoute route,
                                         @ForAll @IntRange(min = 1, max = 5000) int depth) {
        String body = "{\"content\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        Answer a = sendBody(route, bytes(body), "application/json");
        assertDiscordError(a, route + " depth " + depth);
        // the parser allows 64 levels (the body object is the first): deeper is invalid JSON; shallower is an
        // unknown field or a wrong type, as the route decides
        if (depth + 1 > 64) {
            assertThat(a.status).as(a.raw).isEqualTo(400);
            assertThat(a.code()).as("depth " + depth + ": " + a.raw).isEqualTo(50109);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // message content
    // ------------------------------------------------------------------------------------------------------------

    @Property(tries = 40)
    void contentUpTo2000CharactersIsAcceptedAndLongerIsMaxLength(
            @ForAll @IntRange(min = 1, max = 4100) int length, @ForAll boolean astral, @ForAll boolean edit) {
        String unit = astral ? "😀" : "a";
        String content = unit.repeat(length);
        String path = "/api/v10/channels/" + channelId + "/messages" + (edit ? "/" + messageId : "");
        Answer a = send(edit ? "PATCH" : "POST", path, owner.auth(), "application/json",
                bytes(obj("content", content).toString()));
        if (length <= 2000) {
            assertThat(a.status).as(length + ": " + a.raw).isEqualTo(200);
        } else {
            assertDiscordError(a, "content of " + length);
            assertThat(a.status).isEqualTo(400);
            assertThat(a.code()).isEqualTo(50035);
            assertThat(a.body.at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
            assertThat(a.body.at("/errors/content/_errors/0/message").asText())
                    .isEqualTo("Must be 2000 or fewer in length.");
        }
    }

    @Property(tries = 60)
    void anyUnicodeInStringFieldsIsNeverA5xx(@ForAll("bodyRoute") BodyRoute route,
                                             @ForAll("anyText") String text) {
        ObjectNode body = route.valid().get();
        route.fields().forEach((field, kind) -> {
            if (kind == Kind.STRING) {
                body.put(field, text);
            }
        });
        Answer a = sendBody(route, bytes(body.toString()), "application/json");
        assertDiscordError(a, route + " " + body);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("\u0000", "a\u0000b", "\ud800", "\udfff x", "\u202e", " ", "\t\n", "x".repeat(33)));
    }

    @Property(tries = 40)
    void anyAuditLogReasonIsNeverA5xx(@ForAll("anyText") String reason) {
        String encoded = URLEncoder.encode(reason, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v10/guilds/" + guildId
                        + "/roles/" + roleId)).timeout(BOUND).header("Authorization", owner.auth())
                .header("Content-Type", "application/json").header("X-Audit-Log-Reason", encoded)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(obj("name", "role " + UUID.randomUUID()).toString()))
                .build(); // a change, so that an audit log entry with the reason is written
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("reason " + encoded + ": " + r.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError("reason " + encoded + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // query parameters
    // ------------------------------------------------------------------------------------------------------------

    record QueryCase(String path, String param, int max, String value) {
        @Override
        public String toString() {
            return path + "?" + param + "=" + value;
        }
    }

    @Property(tries = 200)
    void limitOutOfRangeOrNotAnIntegerIs50035(@ForAll("limitCases") QueryCase c) {
        Answer a = send("GET", c.path() + "?" + c.param() + "=" + URLEncoder.encode(c.value(), StandardCharsets.UTF_8),
                owner.auth(), null, null);
        assertDiscordError(a, c.toString());
        String expected = expectedLimitError(c.value(), c.max());
        if (c.value().indexOf('\0') >= 0) {
            assertThat(a.status).as(c + ": " + a.raw).isEqualTo(400);
            assertThat(a.code()).as("an encoded NUL is refused before routing: " + a.raw).isZero();
        } else if (expected == null) {
            assertThat(a.status).as(c + ": " + a.raw).isEqualTo(200);
        } else {
            assertThat(a.status).as(c + ": " + a.raw).isEqualTo(400);
            assertThat(a.code()).as(c + ": " + a.raw).isEqualTo(50035);
            assertThat(a.body.at("/errors/limit/_errors/0/code").asText()).as(c + ": " + a.raw).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<QueryCase> limitCases() {
        String messages = "/api/v10/channels/" + channelId + "/messages";
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.integers().between(-200, 300).map(String::valueOf),
                Arbitraries.of("0", "1", "100", "101", "50", "51", "abc", "1.5", "1e2", "+5", "-0", " 5", "5 ", "0x10",
                        "99999999999999999999", "-99999999999999999999", "٣", "true", "null", "\u0000"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(RestFuzzIT::encodable));
        Arbitrary<String[]> paths = Arbitraries.of(new String[]{messages, "100"},
                new String[]{messages + "/" + messageId + "/reactions/" + encodePath("👍"), "100"},
                new String[]{messages + "/pins", "50"});
        return Combinators.combine(paths, values).as((p, v) -> new QueryCase(p[0], "limit", Integer.parseInt(p[1]), v));
    }

    /** Discord's rule for an int query parameter in [1, max]: null when accepted, else the error code. */
    private static String expectedLimitError(String value, int max) {
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[+-]?[0-9]+")) {
            return "NUMBER_TYPE_COERCE";
        }
        java.math.BigInteger v = new java.math.BigInteger(value);
        if (v.signum() < 1) {
            return "NUMBER_TYPE_MIN";
        }
        return v.compareTo(java.math.BigInteger.valueOf(max)) > 0 ? "NUMBER_TYPE_MAX" : null;
    }

    @Property(tries = 60)
    void snowflakeQueryParametersThatAreNotSnowflakesAre50035(@ForAll("snowflakeParam") String param,
                                                               @ForAll("queryGarbage") String value) {
        Answer a = send("GET", "/api/v10/channels/" + channelId + "/messages?" + param + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8), owner.auth(), null, null);
        assertDiscordError(a, param + "=" + value);
        assertThat(a.status).as(a.raw).isEqualTo(400);
        if (value.indexOf('\0') >= 0) {
            assertThat(a.code()).as("an encoded NUL is refused before routing: " + a.raw).isZero();
            return;
        }
        assertThat(a.body.at("/errors/" + param + "/_errors/0/code").asText()).as(a.raw)
                .isEqualTo("NUMBER_TYPE_COERCE");
        assertThat(a.body.at("/errors/" + param + "/_errors/0/message").asText()).as(a.raw)
                .isEqualTo("Value \"" + value + "\" is not snowflake.");
    }

    @Provide
    Arbitrary<String> snowflakeParam() {
        return Arbitraries.of("before", "after", "around");
    }

    @Provide
    Arbitrary<String> queryGarbage() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.of("-1", "1.5", "abc", "18446744073709551616", "0x1", "\u0000"))
                .filter(s -> !s.matches("\\+?[0-9]+") && encodable(s));
    }

    @Example
    void brokenPercentEncodingIsA400NotADroppedConnection() {
        for (String path : List.of("/api/v10/channels/" + channelId + "/messages?limit=%ZZ",
                "/api/v10/channels/%ZZ/messages", "/api/v10/channels/" + channelId + "/messages?limit=%")) {
            String answer = raw(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + owner.auth()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("\"code\":0");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // huge bodies
    // ------------------------------------------------------------------------------------------------------------

    @Example
    void hugeBodiesAre413RequestEntityTooLarge() {
        int cap = server.config().bodyLimits().json();
        String path = "/api/v10/channels/" + channelId + "/messages";
        String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + owner.auth()
                + "\r\nContent-Type: application/json\r\n";
        // sent in full, just over the cap
        byte[] body = new byte[cap + 1];
        java.util.Arrays.fill(body, (byte) 'a');
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        full.writeBytes(bytes(head + "Content-Length: " + body.length + "\r\n\r\n"));
        full.writeBytes(body);
        assertThat(raw(full.toByteArray())).startsWith("HTTP/1.1 413").contains("\"code\":40005")
                .contains("\"message\":\"Request entity too large\"");
        // declared far beyond the cap, never sent
        assertThat(raw(bytes(head + "Content-Length: 1073741824\r\n\r\n"))).startsWith("HTTP/1.1 413")
                .contains("\"code\":40005");
        // chunked, beyond the cap
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.writeBytes(bytes(head + "Transfer-Encoding: chunked\r\n\r\n"));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'b');
        for (int sent = 0; sent <= cap; sent += chunk.length) {
            chunked.writeBytes(bytes(Integer.toHexString(chunk.length) + "\r\n"));
            chunked.writeBytes(chunk);
            chunked.writeBytes(bytes("\r\n"));
        }
        chunked.writeBytes(bytes("0\r\n\r\n"));
        assertThat(raw(chunked.toByteArray())).startsWith("HTTP/1.1 413").contains("\"code\":40005");
    }

    // ------------------------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------------------------

    record Answer(int status, JsonNode body, String raw) {
        int code() {
            return body == null ? -1 : body.path("code").asInt(-1);
        }
    }

    /** Every answer: below 500; an error has Discord's body (integer code, string message). */
    private static void assertDiscordError(Answer a, String what) {
        assertThat(a.status).as(what + " must not be a server error: " + a.raw).isLessThan(500);
        if (a.status >= 400) {
            assertThat(a.body).as(what + ": a JSON error body: " + a.raw).isNotNull();
            assertThat(a.body.path("code").isInt()).as(what + ": integer code: " + a.raw).isTrue();
            assertThat(a.body.path("message").isTextual()).as(what + ": message: " + a.raw).isTrue();
        }
    }

    private static Answer sendBody(BodyRoute route, byte[] body, String contentType) {
        return send(route.method(), route.path(), route.authenticated() ? owner.auth() : null, contentType, body);
    }

    private static Answer send(String method, String path, String auth, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(BOUND);
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("content-type").orElse("").contains("json") && !r.body().isEmpty()) {
                json = ApiClient.JSON.readTree(r.body());
            }
            return new Answer(r.statusCode(), json, r.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(method + " " + path + " was not answered within " + BOUND, e);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writes raw bytes on a fresh connection and reads the answer until the server closes (or the bound). */
    private static String raw(byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) BOUND.toMillis());
            s.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before taking the whole body; read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    if (complete(text)) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no complete answer within " + BOUND + ": " + answer, e);
            } catch (IOException reset) {
                // connection reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A full HTTP response with Content-Length has arrived. */
    private static boolean complete(String text) {
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return false;
        }
        Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, headerEnd));
        return m.find() && text.length() - headerEnd - 4 >= Integer.parseInt(m.group(1));
    }

    /** JSON values of every type, nested up to {@code depth}. */
    private static Arbitrary<JsonNode> jsonValues(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(3).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list().ofMaxSize(3),
                jsonValues(depth - 1).list().ofSize(3)).as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    private static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return m;
    }

    private static ObjectNode obj(String... pairs) {
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            o.put(pairs[i], pairs[i + 1]);
        }
        return o;
    }

    private static ObjectNode twoFreshMessages() {
        ObjectNode o = NODES.objectNode();
        ArrayNode ids = o.putArray("messages");
        for (int i = 0; i < 2; i++) {
            ids.add(api.sendMessage(owner.auth(), channelId, "to bulk-delete").str("id"));
        }
        return o;
    }

    /** Text without lone surrogates (URL encoding would turn them into '?'). */
    private static boolean encodable(String s) {
        return s.codePoints().noneMatch(cp -> cp <= 0xFFFF && Character.isSurrogate((char) cp));
    }

    private static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

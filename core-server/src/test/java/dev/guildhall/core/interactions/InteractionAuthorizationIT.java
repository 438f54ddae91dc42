package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Caller;
import dev.guildhall.core.support.RouteMatrix.Expect;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the command and interaction routes. Commands: nobody 401; a user who does not own the
 * application and another application's bot 20012; the application's bot and its owner succeed. Invocation: nobody
 * 401, a non-member 50001, a member without USE_APPLICATION_COMMANDS 50013, members with it and the owner 204. The
 * callback's credential is the interaction token: every caller with it succeeds, a wrong token is 10062. Fails when
 * a route of CommandRoutes or InteractionRoutes has no row.
 */
class InteractionAuthorizationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long USE_APPLICATION_COMMANDS = 1L << 31;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account outsider;
    private static String guildId;
    private static String channelId;
    private static String appId;
    private static String bot;
    private static String otherBot;
    private static GatewayClient botGw;
    private static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_interactions_authz");
        api = server.client();
        owner = api.register("iaowner");
        plain = api.register("iaplain");
        outsider = api.register("iaout");
        guildId = api.createGuild(owner, "Interactions Authz").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, plain.auth());
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Authz Bot"));
        appId = app.str("id");
        bot = "Bot " + app.body().at("/bot/token").asText();
        api.invite(owner, channelId, bot);
        Response other = api.post("/api/v10/applications", outsider.auth(), Map.of("name", "Other Bot"));
        otherBot = "Bot " + other.body().at("/bot/token").asText();
        api.invite(owner, channelId, otherBot);
        botGw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway");
        assertThat(botGw.next(WAIT)).isNotNull();
        botGw.identify(app.body().at("/bot/token").asText(), 1);
        assertThat(botGw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
    }

    @AfterAll
    static void stop() {
        if (botGw != null) {
            botGw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void everyone(boolean withCommands) throws Exception {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); PreparedStatement ps = c.prepareStatement(withCommands
                ? "UPDATE roles SET permissions = permissions | ? WHERE id = ?"
                : "UPDATE roles SET permissions = permissions & ~? WHERE id = ?")) {
            ps.setLong(1, USE_APPLICATION_COMMANDS);
            ps.setLong(2, Long.parseLong(guildId));
            ps.executeUpdate();
        }
    }

    /** A row: how each caller authenticates, what it gets, and a fresh request (path, body) for it. */
    record Row(String method, String template, Function<Caller, String> auth, Function<Caller, Expect> expect,
               Function<Caller, String[]> request, boolean revokeForWithout, Expect wrongToken) {
    }

    private static String commandAuth(Caller c) {
        return switch (c) {
            case NOBODY -> null;
            case NON_MEMBER -> outsider.auth();
            case WITHOUT_PERMISSION -> otherBot;
            case WITH_PERMISSION -> bot;
            case OWNER -> owner.auth();
        };
    }

    private static String memberAuth(Caller c) {
        return switch (c) {
            case NOBODY -> null;
            case NON_MEMBER -> outsider.auth();
            case WITHOUT_PERMISSION, WITH_PERMISSION -> plain.auth();
            case OWNER -> owner.auth();
        };
    }

    private static Function<Caller, Expect> commandAnswer(int ok) {
        return c -> switch (c) {
            case NOBODY -> Expect.status(401);
            case NON_MEMBER, WITHOUT_PERMISSION -> Expect.error(403, 20012);
            default -> Expect.status(ok);
        };
    }

    private static String newCommandBody() {
        return "{\"name\":\"c" + names.incrementAndGet() + "\",\"description\":\"d\"}";
    }

    private static String command(String base) {
        Response r = api.post(base, bot, newCommandBody());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.str("id");
    }

    private static JsonNode command() {
        Response r = api.post(guildBase(), bot, newCommandBody());
        return r.body();
    }

    private static String guildBase() {
        return "/api/v10/applications/" + appId + "/guilds/" + guildId + "/commands";
    }

    private static String invokeBody(JsonNode cmd) {
        return "{\"type\":2,\"application_id\":\"" + appId + "\",\"guild_id\":\"" + guildId + "\",\"channel_id\":\""
                + channelId + "\",\"data\":{\"id\":\"" + cmd.path("id").asText() + "\",\"name\":\""
                + cmd.path("name").asText() + "\",\"type\":1}}";
    }

    /** A fresh interaction's callback path (invoked by the plain member, received by the bot). */
    private static String callbackPath(boolean validToken) {
        Response r = api.post("/api/v10/interactions", plain.auth(), invokeBody(command()));
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
        JsonNode i;
        try {
            i = botGw.nextDispatch("INTERACTION_CREATE", WAIT).get("d");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return "/api/v10/interactions/" + i.path("id").asText() + "/"
                + (validToken ? i.path("token").asText() : "wrong") + "/callback";
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String global = "/api/v10/applications/" + appId + "/commands";
        for (String[] scope : new String[][]{{"/applications/{application_id}/commands", global},
                {"/applications/{application_id}/guilds/{guild_id}/commands", guildBase()}}) {
            String template = scope[0];
            String base = scope[1];
            rows.add(new Row("GET", template, InteractionAuthorizationIT::commandAuth, commandAnswer(200),
                    c -> new String[]{base, null}, false, null));
            rows.add(new Row("POST", template, InteractionAuthorizationIT::commandAuth, commandAnswer(201),
                    c -> new String[]{base, newCommandBody()}, false, null));
            rows.add(new Row("PUT", template, InteractionAuthorizationIT::commandAuth, commandAnswer(200),
                    c -> new String[]{base, "[{\"name\":\"kept\",\"description\":\"k\"}]"}, false, null));
            rows.add(new Row("GET", template + "/{command_id}", InteractionAuthorizationIT::commandAuth,
                    commandAnswer(200), c -> new String[]{base + "/" + command(base), null}, false, null));
            rows.add(new Row("PATCH", template + "/{command_id}", InteractionAuthorizationIT::commandAuth,
                    commandAnswer(200), c -> new String[]{base + "/" + command(base), "{\"description\":\"e\"}"},
                    false, null));
            rows.add(new Row("DELETE", template + "/{command_id}", InteractionAuthorizationIT::commandAuth,
                    commandAnswer(204), c -> new String[]{base + "/" + command(base), null}, false, null));
        }
        rows.add(new Row("POST", "/interactions", InteractionAuthorizationIT::memberAuth, c -> switch (c) {
            case NOBODY -> Expect.status(401);
            case NON_MEMBER -> Expect.error(403, 50001);
            case WITHOUT_PERMISSION -> Expect.error(403, 50013);
            default -> Expect.status(204);
        }, c -> new String[]{"/api/v10/interactions", invokeBody(command())}, true, null));
        rows.add(new Row("POST", "/interactions/{interaction_id}/{interaction_token}/callback",
                InteractionAuthorizationIT::memberAuth, c -> Expect.status(204),
                c -> new String[]{callbackPath(true), "{\"type\":4,\"data\":{\"content\":\"ok\"}}"}, false,
                Expect.error(404, 10062)));
        return rows;
    }

    @Test
    void everyCommandAndInteractionRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        List<Row> rows = rows();
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.method() + " " + r.template()));
        Set<String> registered = new TreeSet<>(RouteMatrix.registered(r -> CommandRoutes.register(r, null)));
        registered.addAll(RouteMatrix.registered(r -> InteractionRoutes.register(r, null)));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registered);

        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                String[] req = row.request().apply(caller);
                boolean revoke = row.revokeForWithout() && caller == Caller.WITHOUT_PERMISSION;
                if (revoke) {
                    everyone(false);
                }
                try {
                    RouteMatrix.expect(row.method() + " " + row.template() + " as " + caller,
                            api.call(row.method(), req[0], row.auth().apply(caller), req[1]),
                            row.expect().apply(caller));
                } finally {
                    if (revoke) {
                        everyone(true);
                    }
                }
            }
            if (row.wrongToken() != null) {
                RouteMatrix.expect(row.method() + " " + row.template() + " with a wrong token",
                        api.call(row.method(), callbackPath(false), null, "{\"type\":4,\"data\":{\"content\":\"x\"}}"),
                        row.wrongToken());
            }
        }
    }

    @Test
    void guildCommandsNeedTheBotInTheGuild() {
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Not Joined"));
        String notJoined = "Bot " + app.body().at("/bot/token").asText();
        Response r = api.get("/api/v10/applications/" + app.str("id") + "/guilds/" + guildId + "/commands",
                notJoined);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().path("code").asInt()).isEqualTo(50001);
        Response unknownApp = api.get("/api/v10/applications/1/commands", bot);
        assertThat(unknownApp.body().path("code").asInt()).isEqualTo(10002);
    }
}

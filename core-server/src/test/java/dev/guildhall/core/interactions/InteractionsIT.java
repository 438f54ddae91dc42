package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application commands and interactions over REST and the gateway: the bot registers commands, a user invokes them
 * ({@code POST /interactions}), only the bot's sessions get INTERACTION_CREATE, the bot answers through the callback
 * and follow-ups, and the user sees the answers on its gateway (ephemeral ones only there).
 */
class InteractionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int INTENTS = 1 | (1 << 9); // GUILDS | GUILD_MESSAGES

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String channelId;
    private static String appId;
    private static String botToken;
    private static String botUserId;

    private GatewayClient botGw;
    private GatewayClient userGw;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_interactions");
        api = server.client();
        owner = api.register("intowner");
        member = api.register("intmember");
        guildId = api.createGuild(owner, "Interactions Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, member.auth());
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Int Bot"));
        appId = app.str("id");
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        api.invite(owner, channelId, bot());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        botGw = ready(botToken);
        userGw = ready(member.token());
    }

    @AfterEach
    void disconnect() {
        botGw.close();
        userGw.close();
    }

    private static String bot() {
        return "Bot " + botToken;
    }

    private static GatewayClient ready(String token) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT)).isNotNull();
        gw.identify(token, INTENTS);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static ObjectNode obj() {
        return ApiClient.JSON.createObjectNode();
    }

    private static String guildCommands() {
        return "/api/v10/applications/" + appId + "/guilds/" + guildId + "/commands";
    }

    private static JsonNode guildCommand(String name, ObjectNode... options) {
        ObjectNode body = obj().put("name", name).put("description", "the " + name + " command");
        var opts = body.putArray("options");
        for (ObjectNode o : options) {
            opts.add(o);
        }
        Response r = api.post(guildCommands(), bot(), body);
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r.body();
    }

    private static Response invoke(Account user, JsonNode command, ObjectNode... options) {
        ObjectNode body = obj().put("type", 2).put("application_id", appId).put("guild_id", guildId)
                .put("channel_id", channelId);
        ObjectNode data = body.putObject("data").put("id", command.path("id").asText())
                .put("name", command.path("name").asText()).put("type", 1);
        var opts = data.putArray("options");
        for (ObjectNode o : options) {
            opts.add(o);
        }
        return api.post("/api/v10/interactions", user.auth(), body);
    }

    private static Response callback(JsonNode interaction, ObjectNode body) {
        return api.post("/api/v10/interactions/" + interaction.path("id").asText() + "/"
                + interaction.path("token").asText() + "/callback", null, body);
    }

    private static String hook(JsonNode interaction) {
        return "/api/v10/webhooks/" + appId + "/" + interaction.path("token").asText();
    }

    private static void sql(String statement, long... args) throws Exception {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The actions of the {@code command.changed} events in the outbox for a command, in order. */
    private static java.util.List<String> commandEvents(String commandId) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); PreparedStatement ps = c.prepareStatement(
                "SELECT convert_from(payload, 'UTF8') FROM outbox WHERE topic = 'guildhall.guilds' ORDER BY id")) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode e = ApiClient.JSON.readTree(rs.getString(1));
                    if (e.path("type").asText().equals("command.changed")
                            && e.at("/payload/command_id").asText().equals(commandId)) {
                        out.add(e.at("/payload/action").asText());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void commandsAreCreatedUpsertedListedEditedOverwrittenAndDeleted() throws Exception {
        String global = "/api/v10/applications/" + appId + "/commands";
        Response created = api.post(global, bot(), obj().put("name", "ping").put("description", "Pong!"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode cmd = created.body();
        assertThat(cmd.path("id").asText()).isNotEmpty();
        assertThat(cmd.path("application_id").asText()).isEqualTo(appId);
        assertThat(cmd.path("type").asInt()).isEqualTo(1);
        assertThat(cmd.path("version").asText()).isNotEmpty();
        assertThat(cmd.has("default_member_permissions")).isTrue();
        assertThat(cmd.get("default_member_permissions").isNull()).isTrue();
        assertThat(cmd.has("guild_id")).isFalse();

        // same name again: the command is overwritten, same id, 200
        Response again = api.post(global, bot(), obj().put("name", "ping").put("description", "Pong again"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.str("id")).isEqualTo(cmd.path("id").asText());
        assertThat(again.str("version")).isNotEqualTo(cmd.path("version").asText());

        // JDA's shape: contexts and integration_types as strings
        Response jdaShape = api.post(global, bot(), "{\"type\":1,\"name\":\"jda\",\"description\":\"d\",\"nsfw\":false,"
                + "\"options\":[],\"contexts\":[\"0\",\"1\"],\"integration_types\":[\"0\"],"
                + "\"default_member_permissions\":\"8\",\"name_localizations\":{},\"description_localizations\":{}}");
        assertThat(jdaShape.status()).as(jdaShape.raw()).isEqualTo(201);
        assertThat(jdaShape.body().get("contexts").toString()).isEqualTo("[0,1]");
        assertThat(jdaShape.str("default_member_permissions")).isEqualTo("8");

        Response list = api.get(global, bot());
        assertThat(list.body()).hasSize(2);
        // the owner may manage them too
        assertThat(api.get(global, owner.auth()).body()).hasSize(2);

        Response patched = api.call("PATCH", global + "/" + cmd.path("id").asText(), bot(),
                "{\"description\":\"edited\"}");
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.str("description")).isEqualTo("edited");
        assertThat(patched.str("name")).isEqualTo("ping");

        // bulk overwrite: keeps ping's id, drops jda, adds a user command
        Response put = api.call("PUT", global, bot(), "[{\"name\":\"ping\",\"description\":\"edited\"},"
                + "{\"name\":\"Who Is\",\"type\":2}]");
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(put.body()).hasSize(2);
        assertThat(put.body().get(0).path("id").asText()).isEqualTo(cmd.path("id").asText());
        assertThat(put.body().get(1).path("type").asInt()).isEqualTo(2);
        assertThat(api.get(global + "/" + jdaShape.str("id"), bot()).body().path("code").asInt()).isEqualTo(10063);

        Response deleted = api.call("DELETE", global + "/" + cmd.path("id").asText(), bot(), null);
        assertThat(deleted.status()).isEqualTo(204);
        Response gone = api.get(global + "/" + cmd.path("id").asText(), bot());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("code").asInt()).isEqualTo(10063);
        // every change wrote its event in the same transaction (create, upsert, patch, delete; the unchanged
        // overwrite did not)
        assertThat(commandEvents(cmd.path("id").asText())).containsExactly("created", "updated", "updated", "deleted");
        assertThat(commandEvents(jdaShape.str("id"))).containsExactly("created", "deleted");
    }

    @Test
    void invalidCommandsGetNestedInvalidFormBodyErrors() {
        String global = "/api/v10/applications/" + appId + "/commands";
        Response upper = api.post(global, bot(), obj().put("name", "Ping").put("description", "x"));
        assertThat(upper.status()).isEqualTo(400);
        assertThat(upper.body().path("code").asInt()).isEqualTo(50035);
        assertThat(upper.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("APPLICATION_COMMAND_INVALID_NAME");

        Response nested = api.post(global, bot(), "{\"name\":\"calc\",\"description\":\"\",\"options\":["
                + "{\"type\":3,\"name\":\"a\",\"description\":\"\"},"
                + "{\"type\":4,\"name\":\"b\",\"description\":\"b\",\"required\":true}]}");
        assertThat(nested.body().at("/errors/description/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");
        assertThat(nested.body().at("/errors/options/0/description/_errors/0/code").asText())
                .isEqualTo("BASE_TYPE_BAD_LENGTH");
        assertThat(nested.body().at("/errors/options/1/required/_errors/0/code").asText())
                .isEqualTo("APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID");

        Response mixed = api.post(global, bot(), "{\"name\":\"mixed\",\"description\":\"m\",\"options\":["
                + "{\"type\":1,\"name\":\"sub\",\"description\":\"s\"},{\"type\":3,\"name\":\"x\",\"description\":\"x\"}]}");
        assertThat(mixed.body().at("/errors/options/_errors/0/code").asText())
                .isEqualTo("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID");

        Response bulk = api.call("PUT", global, bot(), "[{\"name\":\"dup\",\"description\":\"d\"},"
                + "{\"name\":\"dup\",\"description\":\"d\"}]");
        assertThat(bulk.body().at("/errors/1/name/_errors/0/code").asText())
                .isEqualTo("APPLICATION_COMMANDS_DUPLICATE_NAME");
    }

    @Test
    void aSlashCommandReachesOnlyTheBotAndTheAnswerReachesTheChannel() throws Exception {
        JsonNode cmd = guildCommand("echo", obj().put("type", 3).put("name", "text").put("description", "what")
                .put("required", true), obj().put("type", 6).put("name", "who").put("description", "user"));

        Response missing = invoke(member, cmd);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("code").asInt()).isEqualTo(50035);

        Response r = invoke(member, cmd, obj().put("name", "text").put("type", 3).put("value", "hello"),
                obj().put("name", "who").put("type", 6).put("value", owner.userId()));
        assertThat(r.status()).as(r.raw()).isEqualTo(204);

        JsonNode event = botGw.nextDispatch("INTERACTION_CREATE", WAIT);
        assertThat(event).isNotNull();
        JsonNode i = event.get("d");
        assertThat(i.path("type").asInt()).isEqualTo(2);
        assertThat(i.path("application_id").asText()).isEqualTo(appId);
        assertThat(i.path("guild_id").asText()).isEqualTo(guildId);
        assertThat(i.path("channel_id").asText()).isEqualTo(channelId);
        assertThat(i.at("/channel/id").asText()).isEqualTo(channelId);
        assertThat(i.at("/member/user/id").asText()).isEqualTo(member.userId());
        assertThat(i.at("/member/permissions").asText()).matches("\\d+");
        assertThat(i.path("app_permissions").asText()).matches("\\d+");
        assertThat(i.path("version").asInt()).isEqualTo(1);
        assertThat(i.path("token").asText()).isNotEmpty();
        assertThat(i.path("context").asInt()).isZero();
        assertThat(i.path("entitlements").isArray()).isTrue();
        assertThat(i.at("/authorizing_integration_owners/0").asText()).isEqualTo(guildId);
        assertThat(i.at("/data/name").asText()).isEqualTo("echo");
        assertThat(i.at("/data/guild_id").asText()).isEqualTo(guildId);
        assertThat(i.at("/data/options/0/value").asText()).isEqualTo("hello");
        assertThat(i.at("/data/resolved/users/" + owner.userId() + "/id").asText()).isEqualTo(owner.userId());
        assertThat(i.at("/data/resolved/members/" + owner.userId() + "/joined_at").asText()).isNotEmpty();

        Response answered = callback(i, obj().put("type", 4).set("data", obj().put("content", "hello back")));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(204);
        JsonNode created = userGw.nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(created).isNotNull();
        JsonNode m = created.get("d");
        assertThat(m.path("content").asText()).isEqualTo("hello back");
        assertThat(m.path("type").asInt()).isEqualTo(20);
        assertThat(m.path("webhook_id").asText()).isEqualTo(appId);
        assertThat(m.path("application_id").asText()).isEqualTo(appId);
        assertThat(m.at("/author/id").asText()).isEqualTo(botUserId);
        assertThat(m.at("/interaction_metadata/id").asText()).isEqualTo(i.path("id").asText());
        assertThat(m.at("/interaction_metadata/user/id").asText()).isEqualTo(member.userId());
        // the user's session never sees the interaction itself
        assertThat(userGw.drain()).noneMatch(p -> "INTERACTION_CREATE".equals(p.path("t").asText()));

        Response twice = callback(i, obj().put("type", 4).set("data", obj().put("content", "again")));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().path("code").asInt()).isEqualTo(40060);

        Response original = api.get(hook(i) + "/messages/@original", null);
        assertThat(original.status()).as(original.raw()).isEqualTo(200);
        assertThat(original.str("id")).isEqualTo(m.path("id").asText());

        Response followup = api.post(hook(i), null, obj().put("content", "and more"));
        assertThat(followup.status()).as(followup.raw()).isEqualTo(200);
        assertThat(followup.body().at("/interaction_metadata/original_response_message_id").asText())
                .isEqualTo(m.path("id").asText());
        assertThat(userGw.nextDispatch("MESSAGE_CREATE", WAIT).at("/d/content").asText()).isEqualTo("and more");

        Response edited = api.call("PATCH", hook(i) + "/messages/@original", null, "{\"content\":\"edited\"}");
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(userGw.nextDispatch("MESSAGE_UPDATE", WAIT).at("/d/content").asText()).isEqualTo("edited");

        Response deleted = api.call("DELETE", hook(i) + "/messages/" + followup.str("id"), null, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(userGw.nextDispatch("MESSAGE_DELETE", WAIT).at("/d/id").asText()).isEqualTo(followup.str("id"));

        // both answers are channel messages everyone can read
        Response history = api.get("/api/v10/channels/" + channelId + "/messages?limit=5", owner.auth());
        assertThat(history.body().get(0).path("content").asText()).isEqualTo("edited");
    }

    @Test
    void aDeferredEphemeralAnswerIsSeenOnlyByTheInvokingUser() throws Exception {
        JsonNode cmd = guildCommand("secret");
        try (GatewayClient ownerGw = ready(owner.token())) {
            assertThat(invoke(member, cmd).status()).isEqualTo(204);
            JsonNode i = botGw.nextDispatch("INTERACTION_CREATE", WAIT).get("d");
            Response deferred = api.post("/api/v10/interactions/" + i.path("id").asText() + "/"
                    + i.path("token").asText() + "/callback?with_response=true", null,
                    obj().put("type", 5).set("data", obj().put("flags", 64)));
            assertThat(deferred.status()).as(deferred.raw()).isEqualTo(200);
            assertThat(deferred.body().at("/interaction/response_message_loading").asBoolean()).isTrue();
            assertThat(deferred.body().at("/interaction/response_message_ephemeral").asBoolean()).isTrue();
            JsonNode loading = userGw.nextDispatch("MESSAGE_CREATE", WAIT).get("d");
            assertThat(loading.path("flags").asInt()).isEqualTo(64 | 128);

            Response done = api.post(hook(i), bot(), obj().put("content", "only you"));
            assertThat(done.status()).as(done.raw()).isEqualTo(200);
            assertThat(done.str("id")).isEqualTo(loading.path("id").asText());
            JsonNode update = userGw.nextDispatch("MESSAGE_UPDATE", WAIT).get("d");
            assertThat(update.path("content").asText()).isEqualTo("only you");
            assertThat(update.path("flags").asInt()).isEqualTo(64);

            // nobody else sees it, on the gateway or in the channel
            Thread.sleep(300);
            assertThat(ownerGw.drain()).noneMatch(p -> p.path("t").asText().startsWith("MESSAGE_"));
            Response history = api.get("/api/v10/channels/" + channelId + "/messages?limit=50", owner.auth());
            assertThat(history.body()).noneMatch(msg -> msg.path("id").asText().equals(done.str("id")));
        }
    }

    @Test
    void aButtonClickIsAnsweredByUpdatingItsMessage() throws Exception {
        JsonNode cmd = guildCommand("vote");
        assertThat(invoke(member, cmd).status()).isEqualTo(204);
        JsonNode i = botGw.nextDispatch("INTERACTION_CREATE", WAIT).get("d");
        ObjectNode reply = obj().put("type", 4);
        reply.putObject("data").put("content", "Vote?").set("components", ApiClient.JSON.readTree(
                "[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"Yes\",\"custom_id\":\"yes\"},"
                        + "{\"type\":2,\"style\":5,\"label\":\"Docs\",\"url\":\"https://example.com\"}]}]"));
        assertThat(callback(i, reply).status()).isEqualTo(204);
        JsonNode message = userGw.nextDispatch("MESSAGE_CREATE", WAIT).get("d");
        assertThat(message.at("/components/0/components/0/custom_id").asText()).isEqualTo("yes");

        ObjectNode click = obj().put("type", 3).put("application_id", appId).put("guild_id", guildId)
                .put("channel_id", channelId).put("message_id", message.path("id").asText());
        click.putObject("data").put("component_type", 2).put("custom_id", "nope");
        assertThat(api.post("/api/v10/interactions", member.auth(), click).body().path("code").asInt())
                .isEqualTo(50035);
        ((ObjectNode) click.get("data")).put("custom_id", "yes");
        Response clicked = api.post("/api/v10/interactions", member.auth(), click);
        assertThat(clicked.status()).as(clicked.raw()).isEqualTo(204);

        JsonNode c = botGw.nextDispatch("INTERACTION_CREATE", WAIT).get("d");
        assertThat(c.path("type").asInt()).isEqualTo(3);
        assertThat(c.at("/data/custom_id").asText()).isEqualTo("yes");
        assertThat(c.at("/message/id").asText()).isEqualTo(message.path("id").asText());

        ObjectNode update = obj().put("type", 7);
        update.putObject("data").put("content", "Voted: yes").putArray("components");
        assertThat(callback(c, update).status()).isEqualTo(204);
        JsonNode updated = userGw.nextDispatch("MESSAGE_UPDATE", WAIT).get("d");
        assertThat(updated.path("id").asText()).isEqualTo(message.path("id").asText());
        assertThat(updated.path("content").asText()).isEqualTo("Voted: yes");
        assertThat(updated.path("components")).isEmpty();
    }

    @Test
    void invocationNeedsTheChannelPermissionAndCallbacksTheirToken() throws Exception {
        JsonNode cmd = guildCommand("guarded");
        long everyone = Long.parseLong(guildId);
        sql("UPDATE roles SET permissions = permissions & ~? WHERE id = ?", 1L << 31, everyone);
        try {
            Response denied = invoke(member, cmd);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body().path("code").asInt()).isEqualTo(50013);
        } finally {
            sql("UPDATE roles SET permissions = permissions | ? WHERE id = ?", 1L << 31, everyone);
        }
        Response byBot = invoke(new Account(botUserId, bot(), "bot"), cmd);
        assertThat(byBot.body().path("code").asInt()).isEqualTo(20001);
        Response unknownCommand = api.post("/api/v10/interactions", member.auth(), obj().put("type", 2)
                .put("application_id", appId).put("guild_id", guildId).put("channel_id", channelId)
                .set("data", obj().put("id", "1").put("name", "nope").put("type", 1)));
        assertThat(unknownCommand.body().path("code").asInt()).isEqualTo(10063);

        assertThat(invoke(member, cmd).status()).isEqualTo(204);
        JsonNode i = botGw.nextDispatch("INTERACTION_CREATE", WAIT).get("d");
        Response wrongToken = api.post("/api/v10/interactions/" + i.path("id").asText() + "/not-the-token/callback",
                null, obj().put("type", 4).set("data", obj().put("content", "x")));
        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(wrongToken.body().path("code").asInt()).isEqualTo(10062);
        Response noFollowupYet = api.post(hook(i), null, obj().put("content", "early"));
        assertThat(noFollowupYet.body().path("code").asInt()).isEqualTo(10015);
        Response updateOnCommand = callback(i, obj().put("type", 7).set("data", obj().put("content", "x")));
        assertThat(updateOnCommand.body().path("code").asInt()).isEqualTo(50035);
        assertThat(List.of(callback(i, obj().put("type", 4).set("data", obj().put("content", "ok"))).status()))
                .containsExactly(204);
    }
}

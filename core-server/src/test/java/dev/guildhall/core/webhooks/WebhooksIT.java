package dev.guildhall.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Incoming webhooks over REST and the gateway: management, token routes, executes and their messages. */
class WebhooksIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int INTENTS = 1 | (1 << 5) | (1 << 9); // GUILDS | GUILD_WEBHOOKS | GUILD_MESSAGES

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_webhooks");
        api = server.client();
        owner = api.register("whowner");
        member = api.register("whmember");
        guildId = api.createGuild(owner, "Webhook Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, member.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient ready(Account a) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT)).isNotNull();
        gw.identify(a.token(), INTENTS);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static JsonNode create(String name) {
        Response r = api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(), Map.of("name", name));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static String hook(JsonNode w) {
        return "/api/v10/webhooks/" + w.path("id").asText() + "/" + w.path("token").asText();
    }

    @Test
    void managersCreateListEditAndDeleteWebhooksAndTheGuildHearsOfIt() throws Exception {
        try (GatewayClient ownerGw = ready(owner)) {
            JsonNode w = create("Deploys");
            assertThat(w.path("type").asInt()).isEqualTo(1);
            assertThat(w.path("channel_id").asText()).isEqualTo(channelId);
            assertThat(w.path("guild_id").asText()).isEqualTo(guildId);
            assertThat(w.at("/user/id").asText()).isEqualTo(owner.userId());
            assertThat(w.path("token").asText()).isNotEmpty();
            JsonNode update = ownerGw.nextDispatch("WEBHOOKS_UPDATE", WAIT);
            assertThat(update).isNotNull();
            assertThat(update.at("/d/channel_id").asText()).isEqualTo(channelId);

            Response badName = api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(),
                    Map.of("name", "my Clyde"));
            assertThat(badName.status()).isEqualTo(400);
            assertThat(badName.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("USERNAME_INVALID_CONTAINS");
            Response tooLong = api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(),
                    Map.of("name", "x".repeat(81)));
            assertThat(tooLong.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");
            Response denied = api.post("/api/v10/channels/" + channelId + "/webhooks", member.auth(),
                    Map.of("name", "Nope"));
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body().path("code").asInt()).isEqualTo(50013);

            Response channelList = api.get("/api/v10/channels/" + channelId + "/webhooks", owner.auth());
            assertThat(channelList.body()).anyMatch(x -> x.path("id").asText().equals(w.path("id").asText()));
            assertThat(channelList.body()).allMatch(x -> !x.has("token")); // only a hash is kept
            Response guildList = api.get("/api/v10/guilds/" + guildId + "/webhooks", owner.auth());
            assertThat(guildList.body()).anyMatch(x -> x.path("id").asText().equals(w.path("id").asText()));

            Response renamed = api.call("PATCH", "/api/v10/webhooks/" + w.path("id").asText(), owner.auth(),
                    "{\"name\":\"Releases\"}");
            assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
            assertThat(renamed.str("name")).isEqualTo("Releases");

            Response byToken = api.get(hook(w), null);
            assertThat(byToken.status()).isEqualTo(200);
            assertThat(byToken.str("name")).isEqualTo("Releases");
            assertThat(byToken.body().has("user")).isFalse();
            Response wrongToken = api.get("/api/v10/webhooks/" + w.path("id").asText() + "/wrong", null);
            assertThat(wrongToken.status()).isEqualTo(401);
            assertThat(wrongToken.body().path("code").asInt()).isEqualTo(50027);
            Response renamedByToken = api.call("PATCH", hook(w), null, "{\"name\":\"Builds\"}");
            assertThat(renamedByToken.str("name")).isEqualTo("Builds");

            assertThat(api.call("DELETE", hook(w), null, null).status()).isEqualTo(204);
            Response gone = api.get(hook(w), null);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().path("code").asInt()).isEqualTo(10015);
            // webhook.changed events on guildhall.guilds, never carrying the token
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.config().pgUrl(),
                    server.config().pgUser(), server.config().pgPassword());
                 java.sql.PreparedStatement ps = c.prepareStatement("SELECT topic, convert_from(payload, 'UTF8') FROM"
                         + " outbox WHERE convert_from(payload, 'UTF8') LIKE ? ORDER BY id")) {
                ps.setString(1, "%" + w.path("id").asText() + "%");
                java.util.List<String> actions = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getString(2)).doesNotContain(w.path("token").asText());
                        JsonNode e = ApiClient.JSON.readTree(rs.getString(2));
                        if (e.path("type").asText().equals("webhook.changed")) {
                            assertThat(rs.getString(1)).isEqualTo("guildhall.guilds");
                            actions.add(e.at("/payload/action").asText());
                        }
                    }
                }
                assertThat(actions).containsExactly("created", "updated", "updated", "deleted");
            }
            JsonNode other = create("Other");
            assertThat(api.call("DELETE", "/api/v10/webhooks/" + other.path("id").asText(), owner.auth(), null)
                    .status()).isEqualTo(204);
        }
    }

    @Test
    void executesPostAsTheWebhookAndItsMessagesCanBeReadEditedAndDeleted() throws Exception {
        JsonNode w = create("CI");
        try (GatewayClient memberGw = ready(member)) {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("content", "build green").put("username", "CI bot");
            body.putArray("embeds").addObject().put("title", "Build #42").put("description", "all tests passed");
            Response noWait = api.post(hook(w), null, body);
            assertThat(noWait.status()).as(noWait.raw()).isEqualTo(204);
            JsonNode created = memberGw.nextDispatch("MESSAGE_CREATE", WAIT).get("d");
            assertThat(created.path("content").asText()).isEqualTo("build green");
            assertThat(created.path("webhook_id").asText()).isEqualTo(w.path("id").asText());
            assertThat(created.at("/author/id").asText()).isEqualTo(w.path("id").asText());
            assertThat(created.at("/author/username").asText()).isEqualTo("CI bot");
            assertThat(created.at("/author/bot").asBoolean()).isTrue();
            assertThat(created.at("/embeds/0/title").asText()).isEqualTo("Build #42");
            assertThat(created.has("application_id")).isFalse();

            Response waited = api.post(hook(w) + "?wait=true", null, Map.of("content", "deployed"));
            assertThat(waited.status()).as(waited.raw()).isEqualTo(200);
            assertThat(waited.body().at("/author/username").asText()).isEqualTo("CI");
            String messageId = waited.str("id");

            Response history = api.get("/api/v10/channels/" + channelId + "/messages?limit=2", member.auth());
            assertThat(history.body().get(0).path("id").asText()).isEqualTo(messageId);
            assertThat(history.body().get(0).path("webhook_id").asText()).isEqualTo(w.path("id").asText());
            assertThat(history.body().get(1).at("/embeds/0/description").asText()).isEqualTo("all tests passed");

            Response fetched = api.get(hook(w) + "/messages/" + messageId, null);
            assertThat(fetched.str("content")).isEqualTo("deployed");
            Response edited = api.call("PATCH", hook(w) + "/messages/" + messageId, null, "{\"content\":\"rolled back\"}");
            assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
            assertThat(memberGw.nextDispatch("MESSAGE_UPDATE", WAIT).at("/d/content").asText()).isEqualTo("rolled back");
            assertThat(api.call("DELETE", hook(w) + "/messages/" + messageId, null, null).status()).isEqualTo(204);
            assertThat(memberGw.nextDispatch("MESSAGE_DELETE", WAIT).at("/d/id").asText()).isEqualTo(messageId);
            assertThat(api.get(hook(w) + "/messages/" + messageId, null).body().path("code").asInt()).isEqualTo(10008);

            // someone else's message is not this webhook's
            String userMessage = api.sendMessage(member.auth(), channelId, "mine").str("id");
            assertThat(api.get(hook(w) + "/messages/" + userMessage, null).body().path("code").asInt()).isEqualTo(10008);
        }
        Response empty = api.post(hook(w), null, Map.of("username", "x"));
        assertThat(empty.body().path("code").asInt()).isEqualTo(50006);
        Response badUser = api.post(hook(w), null, Map.of("content", "x", "username", "discord"));
        assertThat(badUser.body().at("/errors/username/_errors/0/code").asText()).isEqualTo("USERNAME_INVALID_CONTAINS");
        Response wrongToken = api.post("/api/v10/webhooks/" + w.path("id").asText() + "/nope", null,
                Map.of("content", "x"));
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.body().path("code").asInt()).isEqualTo(50027);
        Response unknown = api.post("/api/v10/webhooks/123/nope", null, Map.of("content", "x"));
        assertThat(unknown.body().path("code").asInt()).isEqualTo(10015);
        Response unknownThread = api.post(hook(w) + "?thread_id=" + channelId, null, Map.of("content", "x"));
        assertThat(unknownThread.body().path("code").asInt()).isEqualTo(10003);
    }
}

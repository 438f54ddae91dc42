package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sending and reading messages, the bad-input matrix and the voice join route over real HTTP. */
class MessagesIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_messages");
        api = server.client();
        owner = api.register("msgowner");
        guildId = api.createGuild(owner, "Message Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void postReturnsDiscordMessageObjectAndReadsBack() {
        Response sent = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"hello guildhall\",\"nonce\":\"abc123\",\"tts\":false,\"poll\":null,"
                        + "\"enforce_nonce\":true,\"allowed_mentions\":{\"parse\":[]},\"unknown_field\":42}");
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        JsonNode m = sent.body();
        assertThat(m.get("id").asText()).matches("\\d{15,20}");
        assertThat(m.get("channel_id").asText()).isEqualTo(channelId);
        assertThat(m.get("guild_id").asText()).isEqualTo(guildId);
        assertThat(m.get("content").asText()).isEqualTo("hello guildhall");
        assertThat(m.get("type").asInt()).isZero();
        assertThat(m.get("tts").asBoolean()).isFalse();
        assertThat(m.get("mention_everyone").asBoolean()).isFalse();
        assertThat(m.get("pinned").asBoolean()).isFalse();
        assertThat(m.get("mentions").isArray()).isTrue();
        assertThat(m.get("mention_roles").isArray()).isTrue();
        assertThat(m.get("attachments").isArray()).isTrue();
        assertThat(m.get("embeds").isArray()).isTrue();
        assertThat(m.get("edited_timestamp").isNull()).isTrue();
        assertThat(m.get("nonce").asText()).isEqualTo("abc123");
        OffsetDateTime.parse(m.get("timestamp").asText());
        JsonNode author = m.get("author");
        assertThat(author.get("id").asText()).isEqualTo(owner.userId());
        assertThat(author.get("username").asText()).isEqualTo(owner.username());
        assertThat(author.get("discriminator").asText()).isEqualTo("0");
        assertThat(author.get("avatar").isNull()).isTrue();
        assertThat(author.get("bot").asBoolean()).isFalse();
        assertThat(author.has("global_name")).isTrue();

        // enforce_nonce: the same nonce again returns the same message instead of a duplicate
        Response again = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"hello guildhall\",\"nonce\":\"abc123\",\"enforce_nonce\":true}");
        assertThat(again.str("id")).isEqualTo(m.get("id").asText());

        Response numericNonce = api.post("/api/v10/channels/" + channelId + "/messages", owner.auth(),
                "{\"content\":\"second\",\"nonce\":1234567890123}");
        assertThat(numericNonce.status()).isEqualTo(200);
        assertThat(numericNonce.body().get("nonce").asLong()).isEqualTo(1234567890123L);

        Response list = api.get("/api/v10/channels/" + channelId + "/messages?limit=2", owner.auth());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(2);
        assertThat(list.body().get(0).get("content").asText()).isEqualTo("second");
        assertThat(list.body().get(1).get("content").asText()).isEqualTo("hello guildhall");

        Response one = api.get("/api/v10/channels/" + channelId + "/messages/" + m.get("id").asText(), owner.auth());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.str("content")).isEqualTo("hello guildhall");
        Response missing = api.get("/api/v10/channels/" + channelId + "/messages/1234567890123456", owner.auth());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asInt()).isEqualTo(10008);

        Response channel = api.get("/api/v10/channels/" + channelId, owner.auth());
        assertThat(channel.str("last_message_id")).isEqualTo(numericNonce.str("id"));
    }

    @Test
    void joinedMemberAndBotCanPost() {
        Account member = api.register("member");
        api.invite(owner, channelId, member.auth());
        Response r = api.sendMessage(member.auth(), channelId, "hi from a member");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/author/id").asText()).isEqualTo(member.userId());

        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Poster"));
        String botAuth = "Bot " + app.body().at("/bot/token").asText();
        api.invite(owner, channelId, botAuth);
        Response byBot = api.sendMessage(botAuth, channelId, "beep");
        assertThat(byBot.status()).isEqualTo(200);
        assertThat(byBot.body().at("/author/bot").asBoolean()).isTrue();
    }

    @Test
    void badInputGetsExactDiscordErrorsAndTheServerKeepsServing() {
        String path = "/api/v10/channels/" + channelId + "/messages";

        Response malformed = api.post(path, owner.auth(), "{\"content\": \"oops\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw()).isEqualTo("{\"message\":\"The request body contains invalid JSON.\",\"code\":50109}");

        Response wrongType = api.post(path, owner.auth(), "{\"content\": 12}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("code").asInt()).isEqualTo(50035);
        assertThat(wrongType.str("message")).isEqualTo("Invalid Form Body");
        assertThat(wrongType.body().at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_STRING");

        Response badNonce = api.post(path, owner.auth(), "{\"content\": \"x\", \"nonce\": {\"a\":1}}");
        assertThat(badNonce.body().get("code").asInt()).isEqualTo(50035);
        assertThat(badNonce.body().at("/errors/nonce/_errors/0/code").isMissingNode()).isFalse();

        Response notObject = api.post(path, owner.auth(), "[1,2]");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.body().get("code").asInt()).isEqualTo(50035);

        Response tooLong = api.sendMessage(owner.auth(), channelId, "a".repeat(2001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("code").asInt()).isEqualTo(50035);
        assertThat(tooLong.body().at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(api.sendMessage(owner.auth(), channelId, "b".repeat(2000)).status()).isEqualTo(200);

        Response empty = api.post(path, owner.auth(), "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.raw()).isEqualTo("{\"message\":\"Cannot send an empty message\",\"code\":50006}");
        assertThat(api.sendMessage(owner.auth(), channelId, "   ").body().get("code").asInt()).isEqualTo(50006);

        Response noAuth = api.post(path, null, "{\"content\":\"x\"}");
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(noAuth.raw()).isEqualTo("{\"message\":\"401: Unauthorized\",\"code\":0}");

        Account outsider = api.register("outsider");
        Response nonMember = api.sendMessage(outsider.auth(), channelId, "let me in");
        assertThat(nonMember.status()).isEqualTo(403);
        assertThat(nonMember.body().get("code").asInt()).isEqualTo(50001);
        assertThat(api.get(path, outsider.auth()).body().get("code").asInt()).isEqualTo(50001);

        Response unknownChannel = api.sendMessage(owner.auth(), "123456789012345678", "where");
        assertThat(unknownChannel.status()).isEqualTo(404);
        assertThat(unknownChannel.raw()).isEqualTo("{\"message\":\"Unknown Channel\",\"code\":10003}");

        Response notSnowflake = api.sendMessage(owner.auth(), "general", "where");
        assertThat(notSnowflake.status()).isEqualTo(400);
        assertThat(notSnowflake.body().at("/errors/channel_id/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_COERCE");

        Response huge = api.post(path, owner.auth(), "{\"content\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().get("code").asInt()).isEqualTo(40005);

        Response badLimit = api.get(path + "?limit=101", owner.auth());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().at("/errors/limit/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");
        assertThat(api.get(path + "?limit=0", owner.auth()).body().get("code").asInt()).isEqualTo(50035);
        assertThat(api.get(path + "?limit=abc", owner.auth()).body().get("code").asInt()).isEqualTo(50035);

        Response wrongMethod = api.call("DELETE", "/api/v10/guilds", owner.auth(), null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.raw()).isEqualTo("{\"message\":\"405: Method Not Allowed\",\"code\":0}");

        Response noRoute = api.get("/api/v10/does/not/exist", owner.auth());
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.raw()).isEqualTo("{\"message\":\"404: Not Found\",\"code\":0}");
        assertThat(api.get("/nothing-here", null).status()).isEqualTo(404);

        // still serving after all of that
        assertThat(api.sendMessage(owner.auth(), channelId, "still alive").status()).isEqualTo(200);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void voiceJoinGrantsAUdpSessionToMembersOfVoiceChannels() {
        String voiceId = api.voiceChannel(owner, guildId);
        Response grant = api.post("/api/v10/channels/" + voiceId + "/voice/join", owner.auth(), "");
        assertThat(grant.status()).as(grant.raw()).isEqualTo(200);
        assertThat(grant.body().get("ssrc").asLong()).isBetween(0L, 0xFFFFFFFFL);
        assertThat(grant.str("udp_host")).isNotBlank();
        assertThat(grant.body().get("udp_port").asInt()).isEqualTo(server.server().voiceRelay().boundPort());
        assertThat(grant.str("session_token")).matches("[0-9a-f]+");
        assertThat(grant.str("region")).isEqualTo("local");
        assertThat(grant.str("voice_server")).isEqualTo("voice-local-1");

        Response text = api.post("/api/v10/channels/" + channelId + "/voice/join", owner.auth(), "");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body().get("code").asInt()).isEqualTo(50024);

        Account outsider = api.register("voiceout");
        Response denied = api.post("/api/v10/channels/" + voiceId + "/voice/join", outsider.auth(), "");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asInt()).isEqualTo(50001);
        assertThat(api.post("/api/v10/channels/" + voiceId + "/voice/join", null, "").status()).isEqualTo(401);
    }
}

package dev.guildhall.core.discordjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.NodeBot;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified discord.js 14 bot (src/test/node/discordjs-bot, exact versions in its package-lock.json) against
 * the in-process core-server: discord.js finds the gateway through {@code GET /gateway/bot}, gets READY and
 * GUILD_CREATE (for its guild, and for a guild it joins while connected), reads a user's message, replies, edits
 * the reply, reacts, reads channel, history, message, reactions, pins, user and member, takes its reaction back and
 * deletes the reply. Each step is checked from the bot's JSON lines and through REST reads.
 */
class DiscordJsBotIT {
    /** Node start-up, login and GUILD_CREATE; generous for a loaded machine. */
    private static final Duration CONNECT = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String textChannelId;
    private static String botToken;
    private static String botUserId;
    private static String applicationId;
    private static String pinnedMessageId;
    private static Path botDir;

    @BeforeAll
    static void start() throws Exception {
        botDir = NodeBot.install("discordjs-bot");
        server = TestServer.start("core_discordjs");
        api = server.client();
        owner = api.register("djsowner");
        guildId = api.createGuild(owner, "discord.js Guild").get("id").asText();
        textChannelId = api.textChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(),
                Map.of("name", "discord.js Bot", "flags", GATEWAY_MESSAGE_CONTENT));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        applicationId = app.body().get("id").asText();
        api.invite(owner, textChannelId, "Bot " + botToken);
        pinnedMessageId = api.sendMessage(owner.auth(), textChannelId, "pinned by the owner").str("id");
        Response pin = api.call("PUT", "/api/v10/channels/" + textChannelId + "/messages/pins/" + pinnedMessageId,
                owner.auth(), null);
        assertThat(pin.status()).as(pin.raw()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(id -> out.add(id.asText()));
        return out;
    }

    private static String restPath(String messageId) {
        return "/api/v10/channels/" + textChannelId + "/messages/" + messageId;
    }

    @Test
    void botConnectsReadsRepliesEditsReactsAndDeletes() throws Exception {
        try (NodeBot bot = NodeBot.start(botDir, "bot.js", Map.of(
                "GUILDHALL_PORT", Integer.toString(server.port()),
                "GUILDHALL_BOT_TOKEN", botToken,
                "GUILDHALL_CHANNEL_ID", textChannelId,
                "GUILDHALL_SCENARIO", "messages",
                "GUILDHALL_DEBUG", "1"))) { // discord.js debug and REST log: target/discordjs-bot/bot.js.stderr.log
            JsonNode ready = bot.await("ready", CONNECT);
            assertThat(ready.get("userId").asText()).isEqualTo(botUserId);
            assertThat(ready.get("bot").asBoolean()).isTrue();
            assertThat(ready.get("applicationId").asText()).isEqualTo(applicationId);
            // discord.js turns ready only after the GUILD_CREATE of every guild in READY ("guildAvailable")
            assertThat(ready.get("guilds")).hasSize(1);
            assertThat(ready.at("/guilds/0/id").asText()).isEqualTo(guildId);
            assertThat(ready.at("/guilds/0/available").asBoolean()).isTrue();
            JsonNode available = bot.await("guildAvailable", l -> l.get("guildId").asText().equals(guildId), STEP);
            assertThat(available.get("name").asText()).isEqualTo("discord.js Guild");
            assertThat(available.get("ownerId").asText()).isEqualTo(owner.userId());
            assertThat(available.get("memberCount").asInt()).isEqualTo(2);
            List<String> channelNames = new ArrayList<>();
            available.get("channels").forEach(ch -> channelNames.add(ch.get("name").asText()));
            assertThat(channelNames).contains("general");
            bot.await("loggedIn", STEP);

            // joining another guild while connected is discord.js's guildCreate
            String secondGuildId = api.createGuild(owner, "Second Guild").get("id").asText();
            api.invite(owner, api.textChannel(owner, secondGuildId), "Bot " + botToken);
            JsonNode joined = bot.await("guildCreate", l -> l.get("guildId").asText().equals(secondGuildId), STEP);
            assertThat(joined.get("name").asText()).isEqualTo("Second Guild");

            // a user posts over REST; the bot sees it with its content (MESSAGE_CONTENT intent)
            Response posted = api.sendMessage(owner.auth(), textChannelId, "ping from a user");
            assertThat(posted.status()).as(posted.raw()).isEqualTo(200);
            String userMessageId = posted.str("id");
            JsonNode created = bot.await("messageCreate", l -> l.get("messageId").asText().equals(userMessageId), STEP);
            assertThat(created.get("content").asText()).isEqualTo("ping from a user");
            assertThat(created.get("authorId").asText()).isEqualTo(owner.userId());
            assertThat(created.get("guildId").asText()).isEqualTo(guildId);
            assertThat(created.get("channelName").asText()).isEqualTo("general");

            // the bot replies
            JsonNode replied = bot.await("replied", STEP);
            String replyId = replied.get("messageId").asText();
            assertThat(replied.get("content").asText()).isEqualTo("pong from discord.js");
            assertThat(replied.get("referencedMessageId").asText()).isEqualTo(userMessageId);

            // edits the reply; the gateway's MESSAGE_UPDATE reaches discord.js
            JsonNode edited = bot.await("edited", STEP);
            assertThat(edited.get("messageId").asText()).isEqualTo(replyId);
            assertThat(edited.get("content").asText()).isEqualTo("pong (edited) from discord.js");
            assertThat(edited.get("editedAt").isNull()).isFalse();
            bot.await("messageUpdate", l -> l.get("messageId").asText().equals(replyId)
                    && l.get("content").asText().equals("pong (edited) from discord.js"), STEP);

            // reacts to the user's message
            JsonNode reacted = bot.await("reacted", STEP);
            assertThat(reacted.get("messageId").asText()).isEqualTo(userMessageId);
            assertThat(reacted.get("emoji").asText()).isEqualTo("👍");
            bot.await("messageReactionAdd", l -> l.get("messageId").asText().equals(userMessageId)
                    && l.get("userId").asText().equals(botUserId), STEP);

            // reads through REST what it saw
            bot.await("typed", STEP);
            JsonNode channel = bot.await("channelFetched", STEP);
            assertThat(channel.get("channelId").asText()).isEqualTo(textChannelId);
            assertThat(channel.get("name").asText()).isEqualTo("general");
            assertThat(channel.get("type").asInt()).isZero();
            JsonNode history = bot.await("history", STEP);
            assertThat(ids(history.get("messageIds"))).startsWith(replyId, userMessageId).contains(pinnedMessageId);
            JsonNode fetched = bot.await("messageFetched", STEP);
            assertThat(fetched.get("content").asText()).isEqualTo("ping from a user");
            assertThat(fetched.at("/reactions/0/emoji").asText()).isEqualTo("👍");
            assertThat(fetched.at("/reactions/0/count").asInt()).isEqualTo(1);
            assertThat(fetched.at("/reactions/0/me").asBoolean()).isTrue();
            assertThat(ids(bot.await("reactionUsers", STEP).get("userIds"))).containsExactly(botUserId);
            JsonNode pins = bot.await("pins", STEP);
            assertThat(ids(pins.get("messageIds"))).containsExactly(pinnedMessageId);
            assertThat(pins.get("hasMore").asBoolean()).isFalse();
            JsonNode user = bot.await("userFetched", STEP);
            assertThat(user.get("userId").asText()).isEqualTo(owner.userId());
            assertThat(user.get("username").asText()).isEqualTo(owner.username());
            assertThat(user.get("bot").asBoolean()).isFalse();
            JsonNode member = bot.await("memberFetched", STEP);
            assertThat(member.get("userId").asText()).isEqualTo(owner.userId());
            assertThat(member.get("joinedAt").asLong()).isPositive();

            // takes its reaction back
            bot.await("unreacted", STEP);
            Response noReactors = api.get(restPath(userMessageId) + "/reactions/"
                    + URLEncoder.encode("👍", StandardCharsets.UTF_8), owner.auth());
            assertThat(noReactors.body()).isEmpty();

            // deletes the reply
            bot.await("deleted", l -> l.get("messageId").asText().equals(replyId), STEP);
            bot.await("messageDelete", l -> l.get("messageId").asText().equals(replyId), STEP);
            Response gone = api.get(restPath(replyId), owner.auth());
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().get("code").asInt()).isEqualTo(10008);

            bot.await("done", STEP);
            assertThat(bot.awaitExit(STEP)).as("the bot exits after destroying its client").isTrue();
            assertThat(bot.exitValue()).as(bot.output()).isZero();
        }
    }
}

package dev.guildhall.core.discordjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified discord.js 14 bot (src/test/node/discordjs-bot, exact versions in its package-lock.json) against
 * the in-process core-server, one node process per scenario:
 * <ul>
 * <li>messages: discord.js finds the gateway through {@code GET /gateway/bot}, gets READY and GUILD_CREATE (for its
 * guild, and for a guild it joins while connected), reads a user's message, replies, edits the reply, reacts, reads
 * channel, history, message, reactions, pins, user and member, takes its reaction back and deletes the reply;</li>
 * <li>interactions: it registers guild slash commands, answers a user's invocations with a reply, a deferred reply
 * edited and followed up, an ephemeral reply, and buttons whose clicks it answers by a deferred update and an
 * update of the message;</li>
 * <li>webhooks: a discord.js {@code WebhookClient} sends (to the channel and to a thread), edits and fetches through
 * a webhook the bot created;</li>
 * <li>moderation: it starts a thread, posts in it and archives it, creates and edits a role, fetches members over
 * the gateway, gives the role to a member, times it out, kicks, bans and unbans it.</li>
 * </ul>
 * Each step is checked from the bot's JSON lines, the user's gateway session and through REST reads.
 */
class DiscordJsBotIT {
    /** Node start-up, login and GUILD_CREATE; generous for a loaded machine. */
    private static final Duration CONNECT = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final int GATEWAY_GUILD_MEMBERS = 1 << 14;
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;
    /**
     * KICK_MEMBERS, BAN_MEMBERS, MANAGE_ROLES, MANAGE_WEBHOOKS, CREATE_PUBLIC_THREADS, SEND_MESSAGES_IN_THREADS,
     * MODERATE_MEMBERS.
     */
    private static final long BOT_PERMISSIONS = (1L << 1) | (1L << 2) | (1L << 28) | (1L << 29) | (1L << 35)
            | (1L << 38) | (1L << 40);
    private static final int USER_INTENTS = 1 | (1 << 9); // GUILDS | GUILD_MESSAGES

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account user;
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
                Map.of("name", "discord.js Bot", "flags", GATEWAY_MESSAGE_CONTENT | GATEWAY_GUILD_MEMBERS));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        applicationId = app.body().get("id").asText();
        api.invite(owner, textChannelId, "Bot " + botToken);
        Response role = api.post(guildPath() + "/roles", owner.auth(),
                Map.of("name", "discord.js Bot", "permissions", Long.toString(BOT_PERMISSIONS)));
        assertThat(role.status()).as(role.raw()).isEqualTo(200);
        Response granted = api.call("PUT", guildPath() + "/members/" + botUserId + "/roles/" + role.str("id"),
                owner.auth(), null);
        assertThat(granted.status()).as(granted.raw()).isEqualTo(204);
        user = api.register("djsuser");
        api.invite(owner, textChannelId, user.auth());
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

    private static String guildPath() {
        return "/api/v10/guilds/" + guildId;
    }

    /** A new text channel for one scenario, so that the scenarios' messages do not mix. */
    private static String newChannel(String name) {
        Response r = api.post(guildPath() + "/channels", owner.auth(), Map.of("name", name, "type", 0));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r.str("id");
    }

    /**
     * The bot with the scenario in the channel; discord.js debug and REST log:
     * target/discordjs-bot/bot.js.&lt;scenario&gt;.stderr.log
     */
    private static NodeBot startBot(String scenario, String channelId, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("GUILDHALL_PORT", Integer.toString(server.port()));
        env.put("GUILDHALL_BOT_TOKEN", botToken);
        env.put("GUILDHALL_CHANNEL_ID", channelId);
        env.put("GUILDHALL_SCENARIO", scenario);
        env.put("GUILDHALL_DEBUG", "1");
        return NodeBot.start(botDir, "bot.js", "bot.js." + scenario + ".stderr.log", env);
    }

    /** Waits for the bot's last line and its clean exit; discord.js warned about nothing it got. */
    private static void awaitDone(NodeBot bot) throws InterruptedException {
        bot.await("done", STEP);
        assertThat(bot.output()).doesNotContain("\"event\":\"warn\"");
        assertThat(bot.awaitExit(STEP)).as("the bot exits after destroying its client").isTrue();
        assertThat(bot.exitValue()).as(bot.output()).isZero();
    }

    private static String restPath(String messageId) {
        return "/api/v10/channels/" + textChannelId + "/messages/" + messageId;
    }

    @Test
    void botConnectsReadsRepliesEditsReactsAndDeletes() throws Exception {
        try (NodeBot bot = startBot("messages", textChannelId, Map.of())) {
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
            assertThat(available.get("memberCount").asInt())
                    .isEqualTo(api.get(guildPath() + "/members?limit=100", owner.auth()).body().size());
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

            awaitDone(bot);
        }
    }

    private static GatewayClient userGateway() throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway");
        assertThat(gw.next(STEP)).as("HELLO").isNotNull();
        gw.identify(user.token(), USER_INTENTS);
        assertThat(gw.nextDispatch("GUILD_CREATE", STEP)).isNotNull();
        return gw;
    }

    /** The user invokes the command (type 2) in the channel; the options as {@code [name, type, value]} triples. */
    private static void invoke(String channelId, JsonNode command, Object... options) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("type", 2).put("application_id", applicationId)
                .put("guild_id", guildId).put("channel_id", channelId);
        ObjectNode data = body.putObject("data").put("id", command.get("id").asText())
                .put("name", command.get("name").asText()).put("type", 1);
        ArrayNode opts = data.putArray("options");
        for (int i = 0; i < options.length; i += 3) {
            ObjectNode o = opts.addObject().put("name", (String) options[i]).put("type", (Integer) options[i + 1]);
            o.set("value", ApiClient.JSON.valueToTree(options[i + 2]));
        }
        Response r = api.post("/api/v10/interactions", user.auth(), body);
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
    }

    /** The user clicks the button (type 3) of the message. */
    private static void click(String channelId, String messageId, String customId) {
        ObjectNode click = ApiClient.JSON.createObjectNode().put("type", 3).put("application_id", applicationId)
                .put("guild_id", guildId).put("channel_id", channelId).put("message_id", messageId);
        click.putObject("data").put("component_type", 2).put("custom_id", customId);
        Response clicked = api.post("/api/v10/interactions", user.auth(), click);
        assertThat(clicked.status()).as(clicked.raw()).isEqualTo(204);
    }

    private static JsonNode named(JsonNode commands, String name) {
        for (JsonNode c : commands) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no command " + name + " in " + commands);
    }

    private static List<String> channelHistory(String channelId) {
        List<String> out = new ArrayList<>();
        api.get("/api/v10/channels/" + channelId + "/messages?limit=50", owner.auth()).body()
                .forEach(m -> out.add(m.get("id").asText()));
        return out;
    }

    @Test
    void botRegistersSlashCommandsAndAnswersRepliesDeferralsEphemeralsAndButtons() throws Exception {
        String channelId = newChannel("commands");
        try (GatewayClient userGw = userGateway();
             NodeBot bot = startBot("interactions", channelId, Map.of())) {
            // application.commands.set (PUT, bulk overwrite), then guild.commands.create (POST) with two options
            JsonNode registered = bot.await("commandsRegistered", CONNECT);
            assertThat(registered.get("bulk")).extracting(JsonNode::asText).containsExactly("slow", "whisper", "vote");
            JsonNode commands = registered.get("commands");
            assertThat(commands).extracting(c -> c.get("name").asText())
                    .containsExactlyInAnyOrder("slow", "whisper", "vote", "hello");
            JsonNode hello = named(commands, "hello");
            assertThat(hello.at("/options/0/name").asText()).isEqualTo("name");
            assertThat(hello.at("/options/0/type").asInt()).isEqualTo(3);
            assertThat(hello.at("/options/0/required").asBoolean()).isTrue();
            assertThat(hello.at("/options/1/name").asText()).isEqualTo("times");
            assertThat(hello.at("/options/1/type").asInt()).isEqualTo(4);
            Response listed = api.get("/api/v10/applications/" + applicationId + "/guilds/" + guildId + "/commands",
                    "Bot " + botToken);
            assertThat(listed.body()).extracting(c -> c.get("id").asText())
                    .containsExactlyInAnyOrderElementsOf(commands.findValuesAsText("id"));
            assertThat(named(listed.body(), "hello").at("/options/1/max_value").asInt()).isEqualTo(3);

            // a reply that reads the options (withResponse: the callback's resource.message)
            invoke(channelId, hello, "name", 3, "Ada", "times", 4, 2, "friend", 6, owner.userId(),
                    "where", 7, channelId);
            JsonNode invoked = bot.await("interactionCreate", l -> l.get("commandName").asText().equals("hello"), STEP);
            assertThat(invoked.get("commandId").asText()).isEqualTo(hello.get("id").asText());
            assertThat(invoked.get("userId").asText()).isEqualTo(user.userId());
            assertThat(invoked.get("memberId").asText()).isEqualTo(user.userId());
            assertThat(invoked.get("guildId").asText()).isEqualTo(guildId);
            assertThat(invoked.get("channelId").asText()).isEqualTo(channelId);
            JsonNode helloReplied = bot.await("helloReplied", STEP);
            assertThat(helloReplied.get("name").asText()).isEqualTo("Ada");
            assertThat(helloReplied.get("times").asInt()).isEqualTo(2);
            assertThat(helloReplied.get("content").asText()).isEqualTo("Hello Ada x2 from discord.js");
            assertThat(helloReplied.get("friendId").asText()).isEqualTo(owner.userId());
            assertThat(helloReplied.get("friendName").asText()).isEqualTo(owner.username());
            assertThat(helloReplied.get("friendJoinedAt").asLong()).isPositive();
            assertThat(helloReplied.get("whereId").asText()).isEqualTo(channelId);
            assertThat(helloReplied.get("whereName").asText()).isEqualTo("commands");
            assertThat(helloReplied.get("callbackType").asInt()).isEqualTo(4);
            assertThat(helloReplied.get("responseMessageId").asText())
                    .isEqualTo(helloReplied.get("messageId").asText());
            assertThat(helloReplied.get("canSend").asBoolean()).isTrue();
            JsonNode reply = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(reply).isNotNull();
            assertThat(reply.at("/d/id").asText()).isEqualTo(helloReplied.get("messageId").asText());
            assertThat(reply.at("/d/content").asText()).isEqualTo("Hello Ada x2 from discord.js");
            assertThat(reply.at("/d/type").asInt()).isEqualTo(20);
            assertThat(reply.at("/d/webhook_id").asText()).isEqualTo(applicationId);
            assertThat(reply.at("/d/interaction_metadata/user/id").asText()).isEqualTo(user.userId());
            // an EmbedBuilder embed as sent by discord.js
            assertThat(reply.at("/d/embeds/0/title").asText()).isEqualTo("Greeting");
            assertThat(reply.at("/d/embeds/0/description").asText()).isEqualTo("Hello Ada");
            assertThat(reply.at("/d/embeds/0/color").asInt()).isEqualTo(0x5865f2);
            assertThat(reply.at("/d/embeds/0/fields/0/value").asText()).isEqualTo("2");
            assertThat(reply.at("/d/embeds/0/fields/0/inline").asBoolean()).isTrue();
            assertThat(reply.at("/d/embeds/0/footer/text").asText()).isEqualTo("discord.js");
            assertThat(reply.at("/d/embeds/0/timestamp").asText()).startsWith("2020-01-01T00:00:00");

            // deferReply, editReply, followUp
            invoke(channelId, named(commands, "slow"));
            assertThat(bot.await("deferred", STEP).get("deferred").asBoolean()).isTrue();
            JsonNode followedUp = bot.await("followedUp", STEP);
            assertThat(followedUp.get("editedContent").asText()).isEqualTo("Done after a while");
            assertThat(followedUp.get("followUpContent").asText()).isEqualTo("And one more thing");
            JsonNode loading = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(loading.at("/d/id").asText()).isEqualTo(followedUp.get("editedId").asText());
            assertThat(loading.at("/d/flags").asInt() & 128).as("LOADING").isEqualTo(128);
            JsonNode done = userGw.nextDispatch("MESSAGE_UPDATE", STEP);
            assertThat(done.at("/d/id").asText()).isEqualTo(followedUp.get("editedId").asText());
            assertThat(done.at("/d/content").asText()).isEqualTo("Done after a while");
            assertThat(done.at("/d/flags").asInt() & 128).isZero();
            JsonNode followUp = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(followUp.at("/d/id").asText()).isEqualTo(followedUp.get("followUpId").asText());
            assertThat(followUp.at("/d/content").asText()).isEqualTo("And one more thing");
            JsonNode secret = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(secret.at("/d/id").asText()).isEqualTo(followedUp.get("secretId").asText());
            assertThat(secret.at("/d/flags").asInt()).isEqualTo(64);
            assertThat(followedUp.get("secretEphemeral").asBoolean()).isTrue();
            assertThat(channelHistory(channelId)).contains(followedUp.get("editedId").asText(),
                    followedUp.get("followUpId").asText()).doesNotContain(followedUp.get("secretId").asText());

            // an ephemeral reply: the user sees it on its gateway, the channel does not keep it
            invoke(channelId, named(commands, "whisper"));
            JsonNode whispered = bot.await("whispered", STEP);
            assertThat(whispered.get("ephemeral").asBoolean()).isTrue();
            JsonNode whisper = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(whisper.at("/d/id").asText()).isEqualTo(whispered.get("messageId").asText());
            assertThat(whisper.at("/d/content").asText()).isEqualTo("Only you can see this");
            assertThat(whisper.at("/d/flags").asInt()).isEqualTo(64);
            assertThat(channelHistory(channelId)).doesNotContain(whispered.get("messageId").asText());
            // interaction.deleteReply: the user's client drops it
            bot.await("whisperDeleted", STEP);
            JsonNode whisperGone = userGw.nextDispatch("MESSAGE_DELETE", STEP);
            assertThat(whisperGone.at("/d/id").asText()).isEqualTo(whispered.get("messageId").asText());

            // buttons; the user clicks one (type 3) and discord.js answers with interaction.update
            invoke(channelId, named(commands, "vote"));
            String voteId = bot.await("voteAsked", STEP).get("messageId").asText();
            JsonNode vote = userGw.nextDispatch("MESSAGE_CREATE", STEP);
            assertThat(vote.at("/d/id").asText()).isEqualTo(voteId);
            assertThat(vote.at("/d/components/0/type").asInt()).isEqualTo(1);
            assertThat(vote.at("/d/components/0/components").findValuesAsText("custom_id"))
                    .containsExactly("vote-yes", "vote-no");
            // "No": deferUpdate, then editReply edits the clicked message; the buttons stay
            click(channelId, voteId, "vote-no");
            JsonNode deferredUpdate = bot.await("deferredUpdate", STEP);
            assertThat(deferredUpdate.get("messageId").asText()).isEqualTo(voteId);
            assertThat(deferredUpdate.get("content").asText()).isEqualTo("Not yet, says " + user.username());
            assertThat(deferredUpdate.get("buttons").asInt()).isEqualTo(1);
            JsonNode notYet = userGw.nextDispatch("MESSAGE_UPDATE", STEP);
            assertThat(notYet.at("/d/id").asText()).isEqualTo(voteId);
            assertThat(notYet.at("/d/content").asText()).isEqualTo("Not yet, says " + user.username());
            assertThat(notYet.at("/d/components/0/components")).hasSize(2);
            // "Yes": interaction.update removes the buttons
            click(channelId, voteId, "vote-yes");
            JsonNode button = bot.await("buttonClicked", l -> l.get("customId").asText().equals("vote-yes"), STEP);
            assertThat(button.get("customId").asText()).isEqualTo("vote-yes");
            assertThat(button.get("messageId").asText()).isEqualTo(voteId);
            assertThat(button.get("userId").asText()).isEqualTo(user.userId());
            JsonNode voted = userGw.nextDispatch("MESSAGE_UPDATE", STEP);
            assertThat(voted.at("/d/id").asText()).isEqualTo(voteId);
            assertThat(voted.at("/d/content").asText()).isEqualTo("Voted yes by " + user.username());
            assertThat(voted.at("/d/components")).isEmpty();
            Response stored = api.get("/api/v10/channels/" + channelId + "/messages/" + voteId, owner.auth());
            assertThat(stored.str("content")).isEqualTo("Voted yes by " + user.username());
            awaitDone(bot);
        }
    }

    @Test
    void webhookClientSendsWithUsernameOverrideAndWait() throws Exception {
        String channelId = newChannel("announcements");
        try (NodeBot bot = startBot("webhooks", channelId, Map.of())) {
            JsonNode created = bot.await("webhookCreated", CONNECT);
            String webhookId = created.get("webhookId").asText();
            assertThat(created.get("name").asText()).isEqualTo("Announcer");
            assertThat(created.get("channelId").asText()).isEqualTo(channelId);
            assertThat(created.get("tokenLength").asInt()).as("Discord's webhook token length").isEqualTo(68);

            // WebhookClient.send always waits: the message comes back
            JsonNode sent = bot.await("webhookSent", STEP);
            String messageId = sent.get("messageId").asText();
            assertThat(sent.get("content").asText()).isEqualTo("Hello from a webhook");
            assertThat(sent.get("username").asText()).isEqualTo("Herald");
            assertThat(sent.get("webhookId").asText()).isEqualTo(webhookId);
            assertThat(sent.get("channelId").asText()).isEqualTo(channelId);
            assertThat(sent.get("embedTitle").asText()).isEqualTo("News");
            JsonNode seen = bot.await("webhookMessageCreate", STEP);
            assertThat(seen.get("messageId").asText()).isEqualTo(messageId);
            assertThat(seen.get("username").asText()).isEqualTo("Herald");
            assertThat(seen.get("webhookId").asText()).isEqualTo(webhookId);
            assertThat(seen.get("embedTitle").asText()).isEqualTo("News");
            assertThat(seen.get("embedColor").asInt()).isEqualTo(0xe67e22);
            JsonNode edited = bot.await("webhookEdited", STEP);
            assertThat(edited.get("content").asText()).isEqualTo("Hello again from a webhook");
            assertThat(edited.get("fetchedContent").asText()).isEqualTo("Hello again from a webhook");
            JsonNode toThread = bot.await("webhookSentToThread", STEP);
            String threadId = toThread.get("threadId").asText();
            assertThat(toThread.get("channelId").asText()).isEqualTo(threadId);
            assertThat(bot.await("webhooksListed", STEP).get("webhookIds")).extracting(JsonNode::asText)
                    .containsExactly(webhookId);
            awaitDone(bot);

            Response stored = api.get("/api/v10/channels/" + channelId + "/messages/" + messageId, owner.auth());
            assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
            assertThat(stored.str("content")).isEqualTo("Hello again from a webhook");
            assertThat(stored.str("webhook_id")).isEqualTo(webhookId);
            assertThat(stored.body().at("/author/username").asText()).isEqualTo("Herald");
            Response threadMessage = api.get("/api/v10/channels/" + threadId + "/messages/"
                    + toThread.get("messageId").asText(), owner.auth());
            assertThat(threadMessage.str("content")).as(threadMessage.raw()).isEqualTo("Hello, thread");
            assertThat(threadMessage.str("webhook_id")).isEqualTo(webhookId);
            Response hooks = api.get("/api/v10/channels/" + channelId + "/webhooks", owner.auth());
            assertThat(hooks.body()).extracting(h -> h.get("id").asText()).containsExactly(webhookId);
        }
    }

    @Test
    void botStartsThreadCreatesRoleGivesItAndKicks() throws Exception {
        String channelId = newChannel("moderation");
        Account victim = api.register("djsvictim");
        api.invite(owner, channelId, victim.auth());
        try (NodeBot bot = startBot("moderation", channelId, Map.of("GUILDHALL_MEMBER_ID", victim.userId()))) {
            // message.startThread, then discord.js's threadCreate for it
            JsonNode started = bot.await("threadStarted", CONNECT);
            String threadId = started.get("threadId").asText();
            assertThat(started.get("parentId").asText()).isEqualTo(channelId);
            assertThat(started.get("ownerId").asText()).isEqualTo(botUserId);
            assertThat(started.get("autoArchiveDuration").asInt()).isEqualTo(60);
            assertThat(started.get("archived").asBoolean()).isFalse();
            JsonNode threadCreate = bot.await("threadCreate", STEP);
            assertThat(threadCreate.get("threadId").asText()).isEqualTo(threadId);
            assertThat(threadCreate.get("parentId").asText()).isEqualTo(channelId);
            assertThat(threadCreate.get("newlyCreated").asBoolean()).isTrue();
            // the starter's MESSAGE_UPDATE carries the thread and HAS_THREAD (discord.js: message.hasThread)
            JsonNode starterUpdated = bot.await("starterUpdated", STEP);
            assertThat(starterUpdated.get("hasThread").asBoolean()).isTrue();
            assertThat(starterUpdated.get("threadId").asText()).isEqualTo(threadId);
            JsonNode threadMessage = bot.await("threadMessage", STEP);
            assertThat(threadMessage.get("channelId").asText()).isEqualTo(threadId);
            assertThat(threadMessage.get("content").asText()).isEqualTo("first words in the thread");

            // thread.setArchived, then threadUpdate
            assertThat(bot.await("threadUpdate", STEP).get("archived").asBoolean()).isTrue();

            // guild.roles.create, then roleCreate; role.edit, then roleUpdate
            JsonNode roleCreate = bot.await("roleCreate", STEP);
            String roleId = roleCreate.get("roleId").asText();
            assertThat(roleCreate.get("eventRoleId").asText()).isEqualTo(roleId);
            assertThat(roleCreate.get("color").asInt()).isEqualTo(0x3498db);
            assertThat(roleCreate.get("hoist").asBoolean()).isTrue();
            JsonNode roleUpdate = bot.await("roleUpdate", STEP);
            assertThat(roleUpdate.get("roleId").asText()).isEqualTo(roleId);
            assertThat(roleUpdate.get("name").asText()).isEqualTo("Helpers");
            assertThat(roleUpdate.get("color").asInt()).isEqualTo(0x2ecc71);

            // guild.members.fetch over the gateway (Request Guild Members, GUILD_MEMBERS_CHUNK)
            JsonNode fetched = bot.await("membersFetched", STEP);
            assertThat(ids(fetched.get("all")))
                    .containsExactlyInAnyOrder(owner.userId(), user.userId(), botUserId, victim.userId());
            assertThat(ids(fetched.get("byName"))).containsExactly(victim.userId());
            assertThat(ids(fetched.get("byIds"))).containsExactlyInAnyOrder(victim.userId(), botUserId);

            // member.roles.add, then guildMemberUpdate; member.kick, then guildMemberRemove
            JsonNode memberUpdate = bot.await("guildMemberUpdate", STEP);
            assertThat(memberUpdate.get("userId").asText()).isEqualTo(victim.userId());
            assertThat(memberUpdate.get("roleIds")).extracting(JsonNode::asText).contains(roleId);
            JsonNode timedOut = bot.await("timedOut", STEP);
            assertThat(timedOut.get("userId").asText()).isEqualTo(victim.userId());
            assertThat(timedOut.get("until").asLong()).isGreaterThan(System.currentTimeMillis());
            JsonNode memberRemove = bot.await("guildMemberRemove", STEP);
            assertThat(memberRemove.get("userId").asText()).isEqualTo(victim.userId());
            assertThat(memberRemove.get("guildId").asText()).isEqualTo(guildId);
            // guild.bans.create / fetch / remove, seen as guildBanAdd and guildBanRemove
            JsonNode banned = bot.await("banned", STEP);
            assertThat(banned.get("userId").asText()).isEqualTo(victim.userId());
            assertThat(ids(banned.get("bannedIds"))).containsExactly(victim.userId());
            assertThat(banned.get("reason").asText()).isEqualTo("for good");
            awaitDone(bot);
            assertThat(api.get(guildPath() + "/bans/" + victim.userId(), owner.auth()).status()).isEqualTo(404);

            Response thread = api.get("/api/v10/channels/" + threadId, owner.auth());
            assertThat(thread.body().get("type").asInt()).isEqualTo(11);
            assertThat(thread.str("parent_id")).isEqualTo(channelId);
            assertThat(thread.body().at("/thread_metadata/archived").asBoolean()).isTrue();
            assertThat(api.get("/api/v10/channels/" + threadId + "/messages?limit=10", owner.auth()).body())
                    .extracting(m -> m.get("content").asText()).contains("first words in the thread");
            Response roles = api.get(guildPath() + "/roles", owner.auth());
            JsonNode helper = null;
            for (JsonNode r : roles.body()) {
                if (r.get("id").asText().equals(roleId)) {
                    helper = r;
                }
            }
            assertThat(helper).as(roles.raw()).isNotNull();
            assertThat(helper.get("name").asText()).isEqualTo("Helpers");
            assertThat(helper.get("color").asInt()).isEqualTo(0x2ecc71);
            Response kicked = api.get(guildPath() + "/members/" + victim.userId(), owner.auth());
            assertThat(kicked.status()).isEqualTo(404);
            assertThat(kicked.body().get("code").asInt()).isEqualTo(10007);
            // discord.js sends reasons URI-encoded in X-Audit-Log-Reason
            Response audit = api.get(guildPath() + "/audit-logs?action_type=20", owner.auth());
            assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
            assertThat(audit.body().at("/audit_log_entries/0/target_id").asText()).isEqualTo(victim.userId());
            assertThat(audit.body().at("/audit_log_entries/0/user_id").asText()).isEqualTo(botUserId);
            assertThat(audit.body().at("/audit_log_entries/0/reason").asText()).isEqualTo("discussion over");
            Response starter = api.get("/api/v10/channels/" + channelId + "/messages/"
                    + started.get("starterId").asText(), owner.auth());
            assertThat(starter.body().get("flags").asInt() & 32).as("HAS_THREAD: " + starter.raw()).isEqualTo(32);
            assertThat(starter.body().at("/thread/id").asText()).isEqualTo(threadId);
        }
    }
}


package dev.guildhall.core.jda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.components.buttons.Button;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slash commands with the unmodified JDA 5.6.1: the bot registers guild commands through JDA, a user invokes them
 * over REST, and JDA's interaction events answer with a reply, a deferred reply plus follow-up, a button whose
 * click JDA answers by editing the message, and an ephemeral reply. The user sees every answer on its gateway.
 */
class JdaInteractionsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account user;
    private static String guildId;
    private static String channelId;
    private static String appId;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_interactions");
        api = server.client();
        owner = api.register("jdaintowner");
        user = api.register("jdaintuser");
        guildId = api.createGuild(owner, "JDA Interactions").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, user.auth());
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "JDA Commands"));
        appId = app.str("id");
        botToken = app.body().at("/bot/token").asText();
        api.invite(owner, channelId, "Bot " + botToken);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The bot's behaviour, written as a JDA bot would be; failures of its REST calls are collected. */
    private static final class CommandBot extends ListenerAdapter {
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final Consumer<Throwable> fail = failures::add;

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            switch (event.getName()) {
                case "hello" -> {
                    OptionMapping name = event.getOption("name");
                    event.reply("Hello " + (name == null ? "you" : name.getAsString()) + " from "
                            + event.getMember().getUser().getName()).queue(null, fail);
                }
                case "slow" -> event.deferReply().queue(
                        hook -> event.getHook().sendMessage("Done after a while").queue(null, fail), fail);
                case "vote" -> event.reply("Vote?").addActionRow(Button.primary("vote-yes", "Yes"))
                        .queue(null, fail);
                case "whisper" -> event.reply("Only you can see this").setEphemeral(true).queue(null, fail);
                default -> event.reply("unknown").queue(null, fail);
            }
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent event) {
            if (event.getComponentId().equals("vote-yes")) {
                event.editMessage("Voted yes by " + event.getUser().getName()).setComponents().queue(null, fail);
            }
        }
    }

    private static Response invoke(Command cmd, ObjectNode... options) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("type", 2).put("application_id", appId)
                .put("guild_id", guildId).put("channel_id", channelId).put("session_id", "web");
        ObjectNode data = body.putObject("data").put("id", cmd.getId()).put("name", cmd.getName()).put("type", 1);
        var opts = data.putArray("options");
        for (ObjectNode o : options) {
            opts.add(o);
        }
        return api.post("/api/v10/interactions", user.auth(), body);
    }

    private static Command named(List<Command> commands, String name) {
        return commands.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void jdaRegistersCommandsAndAnswersSlashCommandsDeferredRepliesAndButtons() throws Exception {
        CommandBot bot = new CommandBot();
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES)
                .setCompression(Compression.NONE)
                .addEventListeners(bot)
                .build().awaitReady();
        try (GatewayClient userGw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway")) {
            assertThat(userGw.next(WAIT)).isNotNull();
            userGw.identify(user.token(), 1 | (1 << 9));
            assertThat(userGw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();

            List<Command> commands = jda.getGuildById(guildId).updateCommands().addCommands(
                    Commands.slash("hello", "Says hello").addOption(OptionType.STRING, "name", "Who to greet"),
                    Commands.slash("slow", "Answers later"),
                    Commands.slash("vote", "Asks for a vote"),
                    Commands.slash("whisper", "Answers only you")).complete();
            assertThat(commands).extracting(Command::getName).containsExactly("hello", "slow", "vote", "whisper");
            assertThat(commands).allSatisfy(c -> assertThat(c.getIdLong()).isPositive());
            Response listed = api.get("/api/v10/applications/" + appId + "/guilds/" + guildId + "/commands",
                    "Bot " + botToken);
            assertThat(listed.body()).hasSize(4);

            // a reply
            assertThat(invoke(named(commands, "hello"), ApiClient.JSON.createObjectNode().put("name", "name")
                    .put("type", 3).put("value", "Ada")).status()).isEqualTo(204);
            JsonNode reply = userGw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(reply).as("reply on the user's gateway; bot failures: %s", bot.failures).isNotNull();
            assertThat(reply.at("/d/content").asText()).isEqualTo("Hello Ada from " + user.username());
            assertThat(reply.at("/d/type").asInt()).isEqualTo(20);
            assertThat(reply.at("/d/webhook_id").asText()).isEqualTo(appId);
            assertThat(reply.at("/d/interaction_metadata/user/id").asText()).isEqualTo(user.userId());

            // deferReply, then a follow-up through the hook completes the loading message
            assertThat(invoke(named(commands, "slow")).status()).isEqualTo(204);
            JsonNode loading = userGw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(loading).as("bot failures: %s", bot.failures).isNotNull();
            assertThat(loading.at("/d/flags").asInt() & 128).isEqualTo(128);
            JsonNode done = userGw.nextDispatch("MESSAGE_UPDATE", WAIT);
            assertThat(done).as("bot failures: %s", bot.failures).isNotNull();
            assertThat(done.at("/d/id").asText()).isEqualTo(loading.at("/d/id").asText());
            assertThat(done.at("/d/content").asText()).isEqualTo("Done after a while");
            assertThat(done.at("/d/flags").asInt()).isZero();

            // a button, clicked by the user, answered by JDA with UPDATE_MESSAGE
            assertThat(invoke(named(commands, "vote")).status()).isEqualTo(204);
            JsonNode vote = userGw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(vote).as("bot failures: %s", bot.failures).isNotNull();
            assertThat(vote.at("/d/components/0/components/0/custom_id").asText()).isEqualTo("vote-yes");
            ObjectNode click = ApiClient.JSON.createObjectNode().put("type", 3).put("application_id", appId)
                    .put("guild_id", guildId).put("channel_id", channelId)
                    .put("message_id", vote.at("/d/id").asText());
            click.putObject("data").put("component_type", 2).put("custom_id", "vote-yes");
            Response clicked = api.post("/api/v10/interactions", user.auth(), click);
            assertThat(clicked.status()).as(clicked.raw()).isEqualTo(204);
            JsonNode voted = userGw.nextDispatch("MESSAGE_UPDATE", WAIT);
            assertThat(voted).as("bot failures: %s", bot.failures).isNotNull();
            assertThat(voted.at("/d/id").asText()).isEqualTo(vote.at("/d/id").asText());
            assertThat(voted.at("/d/content").asText()).isEqualTo("Voted yes by " + user.username());
            assertThat(voted.at("/d/components")).isEmpty();

            // an ephemeral reply: the user sees it, the channel does not keep it
            assertThat(invoke(named(commands, "whisper")).status()).isEqualTo(204);
            JsonNode whisper = userGw.nextDispatch("MESSAGE_CREATE", WAIT);
            assertThat(whisper).as("bot failures: %s", bot.failures).isNotNull();
            assertThat(whisper.at("/d/content").asText()).isEqualTo("Only you can see this");
            assertThat(whisper.at("/d/flags").asInt()).isEqualTo(64);
            Response history = api.get("/api/v10/channels/" + channelId + "/messages?limit=10", owner.auth());
            assertThat(history.body()).noneMatch(m -> m.path("id").asText().equals(whisper.at("/d/id").asText()));
            assertThat(bot.failures).isEmpty();
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        }
    }
}

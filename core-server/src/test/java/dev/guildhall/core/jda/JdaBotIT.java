package dev.guildhall.core.jda;

import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.JdaEventRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main proof: the unmodified JDA 5.6.1 bot library against the in-process core-server. It logs in with
 * a bot token, sees the guild in its cache, reads a user's message, replies, edits, reacts and deletes, each checked
 * through the listener and through REST reads.
 */
class JdaBotIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String textChannelId;
    private static String voiceChannelId;
    private static String botToken;
    private static String botUserId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda");
        api = server.client();
        owner = api.register("jdaowner");
        guildId = api.createGuild(owner, "JDA Guild").get("id").asText();
        textChannelId = api.textChannel(owner, guildId);
        voiceChannelId = api.voiceChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(),
                Map.of("name", "JDA Bot", "flags", GATEWAY_MESSAGE_CONTENT));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        api.invite(owner, textChannelId, "Bot " + botToken);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JDA login(JdaEventRecorder recorder) throws InterruptedException {
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT,
                        GatewayIntent.GUILD_MESSAGE_REACTIONS)
                .setCompression(Compression.NONE)
                .addEventListeners(recorder)
                .build();
        return jda.awaitReady();
    }

    private static String restPath(String messageId) {
        return "/api/v10/channels/" + textChannelId + "/messages/" + messageId;
    }

    @Test
    void botReadsRepliesEditsReactsAndDeletes() throws Exception {
        JdaEventRecorder recorder = new JdaEventRecorder(WAIT);
        JDA jda = login(recorder);
        try {
            assertThat(jda.getSelfUser().getId()).isEqualTo(botUserId);
            Guild guild = jda.getGuildById(guildId);
            assertThat(guild).as("guild in JDA's cache").isNotNull();
            assertThat(guild.getName()).isEqualTo("JDA Guild");
            TextChannel text = guild.getTextChannelById(textChannelId);
            VoiceChannel voice = guild.getVoiceChannelById(voiceChannelId);
            assertThat(text).isNotNull();
            assertThat(text.getName()).isEqualTo("general");
            assertThat(voice).isNotNull();

            // a user posts over REST: JDA's listener gets the message with its content
            Response posted = api.sendMessage(owner.auth(), textChannelId, "ping from a user");
            assertThat(posted.status()).as(posted.raw()).isEqualTo(200);
            MessageReceivedEvent received = recorder.await(MessageReceivedEvent.class,
                    e -> e.getMessageId().equals(posted.str("id")));
            assertThat(received.getMessage().getContentRaw()).isEqualTo("ping from a user");
            assertThat(received.getAuthor().getId()).isEqualTo(owner.userId());
            assertThat(received.getGuild().getId()).isEqualTo(guildId);

            // the bot types (POST /channels/{id}/typing answers 204, which JDA expects)
            text.sendTyping().complete();

            // the bot replies
            Message reply = received.getMessage().reply("pong from JDA").complete();
            assertThat(reply.getContentRaw()).isEqualTo("pong from JDA");
            assertThat(reply.getAuthor().getId()).isEqualTo(botUserId);
            assertThat(reply.getMessageReference()).as("a reply").isNotNull();
            assertThat(reply.getMessageReference().getMessageId()).isEqualTo(posted.str("id"));
            assertThat(reply.getReferencedMessage()).isNotNull();
            assertThat(reply.getReferencedMessage().getContentRaw()).isEqualTo("ping from a user");
            recorder.await(MessageReceivedEvent.class, e -> e.getMessageId().equals(reply.getId()));
            Response read = api.get(restPath(reply.getId()), owner.auth());
            assertThat(read.status()).as(read.raw()).isEqualTo(200);
            assertThat(read.str("content")).isEqualTo("pong from JDA");
            assertThat(read.body().get("type").asInt()).isEqualTo(19);
            assertThat(read.body().at("/message_reference/message_id").asText()).isEqualTo(posted.str("id"));

            // edits it
            Message edited = reply.editMessage("pong, edited").complete();
            assertThat(edited.getContentRaw()).isEqualTo("pong, edited");
            assertThat(edited.isEdited()).isTrue();
            MessageUpdateEvent update = recorder.await(MessageUpdateEvent.class,
                    e -> e.getMessageId().equals(reply.getId()));
            assertThat(update.getMessage().getContentRaw()).isEqualTo("pong, edited");
            read = api.get(restPath(reply.getId()), owner.auth());
            assertThat(read.str("content")).isEqualTo("pong, edited");
            assertThat(read.body().get("edited_timestamp").isNull()).isFalse();

            // reacts to it, and so does the user over REST
            reply.addReaction(Emoji.fromUnicode("👍")).complete();
            MessageReactionAddEvent own = recorder.await(MessageReactionAddEvent.class,
                    e -> e.getMessageId().equals(reply.getId()) && e.getUserId().equals(botUserId));
            assertThat(own.getEmoji().getName()).isEqualTo("👍");
            Response userReacts = api.call("PUT", restPath(reply.getId()) + "/reactions/"
                    + URLEncoder.encode("👍", StandardCharsets.UTF_8) + "/@me", owner.auth(), null);
            assertThat(userReacts.status()).as(userReacts.raw()).isEqualTo(204);
            MessageReactionAddEvent byUser = recorder.await(MessageReactionAddEvent.class,
                    e -> e.getMessageId().equals(reply.getId()) && e.getUserId().equals(owner.userId()));
            assertThat(byUser.getEmoji().getName()).isEqualTo("👍");
            List<User> reactors = reply.retrieveReactionUsers(Emoji.fromUnicode("👍")).complete();
            assertThat(reactors).extracting(User::getId).containsExactlyInAnyOrder(botUserId, owner.userId());
            Message fetched = text.retrieveMessageById(reply.getId()).complete();
            assertThat(fetched.getReactions()).hasSize(1);
            assertThat(fetched.getReactions().get(0).getCount()).isEqualTo(2);
            assertThat(fetched.getReactions().get(0).isSelf()).isTrue();
            read = api.get(restPath(reply.getId()), owner.auth());
            JsonNode reaction = read.body().get("reactions").get(0);
            assertThat(reaction.get("count").asInt()).isEqualTo(2);
            assertThat(reaction.get("me").asBoolean()).isTrue();
            assertThat(reaction.at("/emoji/name").asText()).isEqualTo("👍");

            // the owner pins it over REST (the bot lacks MANAGE_MESSAGES); JDA reads the channel's pins
            Response pin = api.call("PUT", "/api/v10/channels/" + textChannelId + "/pins/" + reply.getId(),
                    owner.auth(), null);
            assertThat(pin.status()).as(pin.raw()).isEqualTo(204);
            List<Message> pinned = text.retrievePinnedMessages().complete();
            assertThat(pinned).extracting(Message::getId).containsExactly(reply.getId());
            assertThat(pinned.get(0).isPinned()).isTrue();

            // sends an embed and reads it back
            Message embedded = text.sendMessageEmbeds(new EmbedBuilder().setTitle("Raid night")
                    .setDescription("Thursday 20:00").addField("Boss", "Onyxia", true).setFooter("see you")
                    .setColor(0x5865F2).build()).complete();
            MessageEmbed embed = text.retrieveMessageById(embedded.getId()).complete().getEmbeds().get(0);
            assertThat(embed.getTitle()).isEqualTo("Raid night");
            assertThat(embed.getDescription()).isEqualTo("Thursday 20:00");
            assertThat(embed.getFields()).extracting(MessageEmbed.Field::getValue).containsExactly("Onyxia");
            assertThat(embed.getFooter().getText()).isEqualTo("see you");
            assertThat(embed.getColorRaw()).isEqualTo(0x5865F2);

            // deletes it
            reply.delete().complete();
            MessageDeleteEvent deleted = recorder.await(MessageDeleteEvent.class,
                    e -> e.getMessageId().equals(reply.getId()));
            assertThat(deleted.getChannel().getId()).isEqualTo(textChannelId);
            read = api.get(restPath(reply.getId()), owner.auth());
            assertThat(read.status()).isEqualTo(404);
            assertThat(read.body().get("code").asInt()).isEqualTo(10008);
        } finally {
            jda.shutdown();
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                jda.shutdownNow();
                jda.awaitShutdown(Duration.ofSeconds(5));
            }
        }
    }
}

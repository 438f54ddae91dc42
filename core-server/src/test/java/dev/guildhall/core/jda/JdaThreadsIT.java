package dev.guildhall.core.jda;

import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.JdaEventRecorder;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.channel.update.ChannelUpdateArchivedEvent;
import net.dv8tion.jda.api.events.channel.update.ChannelUpdateNameEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads through the unmodified JDA 5.6.1: the bot starts a thread from a message
 * ({@code Message.createThreadChannel}), posts in it, sees a user's thread and messages as ThreadChannel events,
 * renames and archives through the channel manager and finds active threads in its cache after a new login.
 */
class JdaThreadsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String textChannelId;
    private static String botToken;
    private static String botUserId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_threads");
        api = server.client();
        owner = api.register("jdathowner");
        guildId = api.createGuild(owner, "JDA Thread Guild").get("id").asText();
        textChannelId = api.textChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(),
                Map.of("name", "JDA Thread Bot", "flags", GATEWAY_MESSAGE_CONTENT));
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
        return JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                .setCompression(Compression.NONE)
                .addEventListeners(recorder)
                .build()
                .awaitReady();
    }

    @Test
    void botStartsAThreadFromAMessagePostsInItAndSeesThreadEvents() throws Exception {
        JdaEventRecorder recorder = new JdaEventRecorder(WAIT);
        JDA jda = login(recorder);
        String botThreadId;
        String userThreadId;
        try {
            TextChannel text = jda.getTextChannelById(textChannelId);
            assertThat(text).isNotNull();

            // the bot starts a thread from its own message and posts in it
            Message starter = text.sendMessage("thread starter").complete();
            ThreadChannel thread = starter.createThreadChannel("bot thread").complete();
            botThreadId = thread.getId();
            assertThat(botThreadId).isEqualTo(starter.getId());
            assertThat(thread.getType()).isEqualTo(ChannelType.GUILD_PUBLIC_THREAD);
            assertThat(thread.getParentChannel().getId()).isEqualTo(textChannelId);
            assertThat(thread.getOwnerId()).isEqualTo(botUserId);
            assertThat(thread.isArchived()).isFalse();
            // JDA caches the thread from the REST answer and then drops the THREAD_CREATE of a thread it knows, so
            // whether its own thread raises ChannelCreateEvent depends on which socket answers first
            assertThat(jda.getThreadChannelById(botThreadId)).isNotNull();

            Message inThread = thread.sendMessage("hello thread").complete();
            assertThat(inThread.getChannel().getId()).isEqualTo(botThreadId);
            MessageReceivedEvent own = recorder.await(MessageReceivedEvent.class,
                    e -> e.getMessageId().equals(inThread.getId()));
            assertThat(own.getChannelType()).isEqualTo(ChannelType.GUILD_PUBLIC_THREAD);
            assertThat(own.getChannel().asThreadChannel().getParentMessageChannel().getId()).isEqualTo(textChannelId);

            Response rest = api.get("/api/v10/channels/" + botThreadId, owner.auth());
            assertThat(rest.body().get("message_count").asInt()).isEqualTo(1);
            assertThat(rest.body().get("last_message_id").asText()).isEqualTo(inThread.getId());

            // a user's thread and message reach the bot as ThreadChannel events
            Response userThread = api.post("/api/v10/channels/" + textChannelId + "/threads", owner.auth(),
                    Map.of("name", "user thread", "type", 11));
            assertThat(userThread.status()).as(userThread.raw()).isEqualTo(201);
            userThreadId = userThread.str("id");
            ChannelCreateEvent userCreated = recorder.await(ChannelCreateEvent.class,
                    e -> e.getChannel().getId().equals(userThreadId));
            assertThat(userCreated.getChannel().asThreadChannel().getName()).isEqualTo("user thread");
            Response posted = api.sendMessage(owner.auth(), userThreadId, "question in a thread");
            MessageReceivedEvent received = recorder.await(MessageReceivedEvent.class,
                    e -> e.getMessageId().equals(posted.str("id")));
            assertThat(received.getChannel().getId()).isEqualTo(userThreadId);
            assertThat(received.getMessage().getContentRaw()).isEqualTo("question in a thread");

            // the bot joins the user's thread, then renames and archives its own
            ThreadChannel joined = jda.getThreadChannelById(userThreadId);
            assertThat(joined).isNotNull();
            joined.join().complete();
            assertThat(api.get("/api/v10/channels/" + userThreadId + "/thread-members/" + botUserId, owner.auth())
                    .status()).isEqualTo(200);
            thread.getManager().setName("bot thread renamed").complete();
            recorder.await(ChannelUpdateNameEvent.class, e -> e.getChannel().getId().equals(botThreadId)
                    && "bot thread renamed".equals(e.getNewValue()));
            thread.getManager().setArchived(true).complete();
            recorder.await(ChannelUpdateArchivedEvent.class, e -> e.getChannel().getId().equals(botThreadId)
                    && Boolean.TRUE.equals(e.getNewValue()));
            assertThat(api.get("/api/v10/channels/" + botThreadId, owner.auth()).body().at("/thread_metadata/archived")
                    .asBoolean()).isTrue();
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        }

        // a new login finds the active thread (not the archived one) in its cache from GUILD_CREATE
        JdaEventRecorder second = new JdaEventRecorder(WAIT);
        JDA again = login(second);
        try {
            assertThat(again.getThreadChannelById(userThreadId)).isNotNull();
            assertThat(again.getThreadChannelById(userThreadId).isJoined()).isTrue();
            assertThat(again.getThreadChannelById(botThreadId)).isNull();
            // the owner deletes the user's thread: JDA drops it
            assertThat(api.call("DELETE", "/api/v10/channels/" + userThreadId, owner.auth(), null).status())
                    .isEqualTo(200);
            second.await(ChannelDeleteEvent.class, e -> e.getChannel().getId().equals(userThreadId));
            assertThat(again.getThreadChannelById(userThreadId)).isNull();
        } finally {
            again.shutdownNow();
            again.awaitShutdown(Duration.ofSeconds(10));
        }
    }
}

package dev.guildhall.core.gateway;

import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.internal.JDAImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unmodified JDA 5.6.1 with its default zlib-stream transport compression: its TCP connection is cut, messages
 * are posted meanwhile, and JDA resumes the session (SessionResumeEvent, not a new session) and receives every one
 * of them, in order.
 */
class JdaResumeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int GATEWAY_MESSAGE_CONTENT = 1 << 18;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String channelId;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_resume");
        api = server.client();
        owner = api.register("jdaresume");
        String guildId = api.createGuild(owner, "JDA Resume Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(),
                Map.of("name", "Resume Bot", "flags", GATEWAY_MESSAGE_CONTENT));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        api.invite(owner, channelId, "Bot " + botToken);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final class Recorder implements EventListener {
        final BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(GenericEvent event) {
            events.add(event);
        }
    }

    private static String post(String content) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Response r = api.sendMessage(owner.auth(), channelId, content);
            if (r.status() == 200) {
                return r.str("id");
            }
            assertThat(r.status()).as(r.raw()).isEqualTo(429);
            Thread.sleep((long) (r.body().path("retry_after").asDouble(1) * 1000) + 50);
        }
        throw new AssertionError("still rate limited");
    }

    @Test
    void jdaResumesAfterItsConnectionIsCutAndMissesNothing() throws Exception {
        Recorder recorder = new Recorder();
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                .setCompression(Compression.ZLIB)
                .addEventListeners(recorder)
                .build()
                .awaitReady();
        try {
            String before = post("before the cut");
            List<String> seen = new ArrayList<>();
            awaitMessages(recorder, seen, List.of(before));

            // cut the TCP connection under JDA (no close frame), then post while it is away
            ((JDAImpl) jda).getClient().socket.getSocket().close();
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                missed.add(post("while cut " + i));
            }
            List<String> all = new ArrayList<>(List.of(before));
            all.addAll(missed);
            awaitMessages(recorder, seen, all);
            assertThat(seen).containsExactlyElementsOf(all);

            // the server counts a resume after it has queued the replay: JDA may have the messages a moment sooner
            long deadline = System.nanoTime() + WAIT.toNanos();
            double resumes;
            while ((resumes = server.server().registry().get("guildhall.gateway.resumes").counter().count()) < 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(resumes).as("JDA resumed instead of identifying again").isGreaterThanOrEqualTo(1);
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(10, TimeUnit.SECONDS);
        }
        boolean resumedEvent = recorder.events.stream().anyMatch(SessionResumeEvent.class::isInstance);
        boolean recreated = recorder.events.stream().anyMatch(SessionRecreateEvent.class::isInstance);
        assertThat(resumedEvent).as("SessionResumeEvent").isTrue();
        assertThat(recreated).as("no new session").isFalse();
    }

    /** Collects MessageReceivedEvent ids (in arrival order) until all the expected ones arrived. */
    private static void awaitMessages(Recorder recorder, List<String> seen, List<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<GenericEvent> keep = new ArrayList<>();
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            GenericEvent e = recorder.events.poll(100, TimeUnit.MILLISECONDS);
            if (e instanceof MessageReceivedEvent m) {
                seen.add(m.getMessageId());
                assertThat(m.getMessage().getContentRaw()).isNotEmpty();
            } else if (e != null) {
                keep.add(e);
            }
        }
        recorder.events.addAll(keep);
        assertThat(seen).as("messages JDA received").containsAll(expected);
    }
}

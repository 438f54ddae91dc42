package dev.guildhall.core.ratelimit;

import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unmodified JDA 5.6.1 against our rate limits: it reads the {@code X-RateLimit-*} headers and waits for the
 * reset instead of running into 429s, and when it does get a 429 (its bucket was emptied behind its back) it
 * honours {@code retry_after} and the message still goes out.
 */
class JdaRateLimitIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String channelId;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_ratelimit_jda",
                Map.of("ratelimit.routes", "POST /channels/{channel_id}/messages 3/3000"));
        api = server.client();
        owner = api.register("rljdaowner");
        String guildId = api.createGuild(owner, "RL JDA Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        ApiClient.Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "RL JDA Bot"));
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

    private static JDA login() throws InterruptedException {
        return JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES)
                .setCompression(Compression.NONE)
                .build()
                .awaitReady();
    }

    private static double routeLimited() {
        return server.server().registry().find("guildhall.ratelimit.limited").tag("limit", "route").counter().count();
    }

    @Test
    void jdaWaitsForTheResetAndRetriesAfterA429() throws Exception {
        JDA jda = login();
        try {
            TextChannel text = jda.getTextChannelById(channelId);
            assertThat(text).isNotNull();
            double before = routeLimited();

            // five sends through a 3-per-3-s bucket: JDA sees Remaining 0 and waits for the reset by itself
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Message m = text.sendMessage("paced " + i).complete();
                sent.add(m.getId());
            }
            assertThat(sent).doesNotHaveDuplicates().hasSize(5);
            assertThat(routeLimited()).as("JDA paced itself by the headers").isEqualTo(before);

            // empty the bot's bucket behind JDA's back (same bot, another client), then let JDA send:
            // it gets our 429, waits retry_after and sends again
            int refused = 0;
            for (int i = 0; i < 10 && refused == 0; i++) {
                int status = api.sendMessage("Bot " + botToken, channelId, "side channel " + i).status();
                if (status == 429) {
                    refused++;
                } else {
                    assertThat(status).isEqualTo(200);
                }
            }
            assertThat(refused).isEqualTo(1);
            Message late = text.sendMessage("after a 429").complete();
            assertThat(late.getContentRaw()).isEqualTo("after a 429");
            assertThat(routeLimited()).as("the side channel's 429 and JDA's own").isGreaterThanOrEqualTo(before + 2);
            ApiClient.Response read = api.get("/api/v10/channels/" + channelId + "/messages/" + late.getId(),
                    owner.auth());
            assertThat(read.status()).isEqualTo(200);
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown();
        }
    }
}

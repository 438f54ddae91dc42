package dev.guildhall.core.jda;

import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the unmodified JDA 5: {@code channel.sendFiles(FileUpload.fromData(...))} uploads through JDA's own
 * multipart body; the attachment JDA parses back has the name, type and size, and the bytes served at its url are
 * the bytes sent. Editing with {@code setAttachments} keeps the listed file and removes the other. A 5 MiB file
 * goes through with the default configuration.
 */
class JdaAttachmentsIT {
    private static TestServer server;
    private static ApiClient api;
    private static String channelId;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_attachments");
        api = server.client();
        Account owner = api.register("jdaattowner");
        String guildId = api.createGuild(owner, "JDA Files").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "File Bot"));
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

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + url)).header("Authorization", "Bot " + botToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void jdaSendFilesRoundTripsTheBytes() throws Exception {
        byte[] shot = new byte[200_000];
        new Random(7).nextBytes(shot);
        byte[] notes = "gg wp\r\n--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES)
                .setCompression(Compression.NONE)
                .build()
                .awaitReady();
        try {
            TextChannel channel = jda.getTextChannelById(channelId);
            assertThat(channel).isNotNull();
            Message sent = channel.sendMessage("screenshots")
                    .addFiles(FileUpload.fromData(shot, "screenshot.png").setDescription("the wipe"),
                            FileUpload.fromData(notes, "notes.txt"))
                    .complete();
            List<Message.Attachment> atts = sent.getAttachments();
            assertThat(atts).extracting(Message.Attachment::getFileName)
                    .containsExactly("screenshot.png", "notes.txt");
            Message.Attachment png = atts.get(0);
            assertThat(png.getSize()).isEqualTo(shot.length);
            assertThat(png.getDescription()).isEqualTo("the wipe");
            assertThat(png.getContentType()).isEqualTo("image/png");
            assertThat(download(png.getUrl())).isEqualTo(shot);
            assertThat(download(atts.get(1).getProxyUrl())).isEqualTo(notes);

            // sendFiles alone, then an edit that keeps only the first attachment
            Message filesOnly = channel.sendFiles(FileUpload.fromData(notes, "again.txt")).complete();
            assertThat(download(filesOnly.getAttachments().get(0).getUrl())).isEqualTo(notes);
            Message edited = sent.editMessageAttachments(png).complete();
            assertThat(edited.getAttachments()).extracting(Message.Attachment::getId).containsExactly(png.getId());
            assertThat(download(edited.getAttachments().get(0).getUrl())).isEqualTo(shot);

            // a 5 MiB file with the default body caps (uploads get Discord's 25 MiB, JSON 1 MiB)
            byte[] replay = new byte[5 * 1024 * 1024];
            new Random(5).nextBytes(replay);
            Message big = channel.sendFiles(FileUpload.fromData(replay, "replay.dem")).complete();
            assertThat(big.getAttachments().get(0).getSize()).isEqualTo(replay.length);
            assertThat(download(big.getAttachments().get(0).getUrl())).isEqualTo(replay);
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(10, TimeUnit.SECONDS);
        }
    }
}

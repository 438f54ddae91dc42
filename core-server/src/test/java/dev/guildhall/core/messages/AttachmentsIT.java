package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachment bytes over real HTTP: a multipart upload is stored and served byte-exactly at its {@code url} with
 * its Content-Type and Content-Length to members who may read the channel's history; an edit's list removes the
 * files it leaves out; deleting the message deletes its files; a file over 10 MiB is 413 / 40005.
 */
class AttachmentsIT {
    private static final String BOUNDARY = "attachBoundary7MA4YWxkTrZu0gW";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_attachments");
        g = new GuildFixture(server, "attachowner", "Attachment Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A file part: its file name, Content-Type and bytes. */
    record Part(String filename, String contentType, byte[] data) {
    }

    static HttpResponse<byte[]> multipart(String method, String path, String auth, String payloadJson,
                                          Part... files) throws IOException, InterruptedException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + payloadJson + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < files.length; i++) {
            b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files[" + i
                    + "]\"; filename=\"" + files[i].filename() + "\"\r\nContent-Type: " + files[i].contentType()
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(files[i].data());
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(b.toByteArray()))
                .header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> download(String url, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.baseUrl() + url)).GET();
        if (auth != null) {
            r.header("Authorization", auth);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return ApiClient.JSON.readTree(r.body());
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    private static String messages() {
        return "/api/v10/channels/" + g.channelId + "/messages";
    }

    @Test
    void uploadedFilesAreServedByteExactlyToReadersOnly() throws Exception {
        // binary with CR LF and the boundary's dashes inside, and a name that needs percent-encoding
        byte[] png = randomBytes(300_000, 1);
        byte[] tricky = ("\r\n--" + "\r\n\r\n--notTheBoundary\r\n").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tricky, 0, png, 1000, tricky.length);
        byte[] log = "raid log: boss down\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> sent = multipart("POST", messages(), g.owner.auth(),
                "{\"content\":\"files\",\"attachments\":[{\"id\":0,\"description\":\"map\"},{\"id\":1}]}",
                new Part("raid map+1.png", "image/png", png), new Part("log.txt", "text/plain", log));
        assertThat(sent.statusCode()).as(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode atts = json(sent).get("attachments");
        assertThat(atts).hasSize(2);
        JsonNode map = atts.get(0);
        assertThat(map.get("size").asInt()).isEqualTo(png.length);
        assertThat(map.get("url").asText()).isEqualTo("/api/v10/attachments/" + g.channelId + "/"
                + map.get("id").asText() + "/raid%20map%2B1.png");
        assertThat(map.get("proxy_url").asText()).isEqualTo(map.get("url").asText());

        HttpResponse<byte[]> file = download(map.get("url").asText(), g.owner.auth());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(png);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(png.length);
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<byte[]> text = download(atts.get(1).get("url").asText(), g.owner.auth());
        assertThat(text.body()).isEqualTo(log);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain");

        // readers of the channel may download; no token, outsiders, a wrong name and members without
        // READ_MESSAGE_HISTORY may not
        Account member = g.member("attachreader");
        assertThat(download(map.get("url").asText(), member.auth()).body()).isEqualTo(png);
        assertThat(download(map.get("url").asText(), null).statusCode()).isEqualTo(401);
        Account outsider = g.api.register("attachoutsider");
        assertThat(download(map.get("url").asText(), outsider.auth()).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> wrongName = download("/api/v10/attachments/" + g.channelId + "/"
                + map.get("id").asText() + "/other.png", g.owner.auth());
        assertThat(wrongName.statusCode()).isEqualTo(404);
        assertThat(json(wrongName).get("code").asInt()).isEqualTo(10008);
        g.sql("UPDATE roles SET permissions = ? WHERE id = ?",
                Permissions.DEFAULT_EVERYONE & ~Permissions.READ_MESSAGE_HISTORY, Long.parseLong(g.guildId));
        try {
            HttpResponse<byte[]> denied = download(map.get("url").asText(), member.auth());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(json(denied).get("code").asInt()).isEqualTo(50013);
        } finally {
            g.sql("UPDATE roles SET permissions = ? WHERE id = ?", Permissions.DEFAULT_EVERYONE,
                    Long.parseLong(g.guildId));
        }
    }

    @Test
    void anEditRemovesTheFilesItLeavesOutAndDeletingTheMessageDeletesTheRest() throws Exception {
        byte[] a = randomBytes(5000, 2);
        byte[] b = randomBytes(7000, 3);
        JsonNode sent = json(multipart("POST", messages(), g.owner.auth(), "{}",
                new Part("a.bin", "application/octet-stream", a), new Part("b.bin", "application/octet-stream", b)));
        String id = sent.get("id").asText();
        JsonNode fileA = sent.get("attachments").get(0);
        JsonNode fileB = sent.get("attachments").get(1);

        // keep b, add c
        byte[] c = randomBytes(3000, 4);
        HttpResponse<byte[]> edited = multipart("PATCH", messages() + "/" + id, g.owner.auth(),
                "{\"attachments\":[{\"id\":\"" + fileB.get("id").asText() + "\"},{\"id\":0}]}",
                new Part("c.bin", "application/octet-stream", c));
        assertThat(edited.statusCode()).isEqualTo(200);
        JsonNode kept = json(edited).get("attachments");
        assertThat(kept).extracting(n -> n.get("filename").asText()).containsExactly("b.bin", "c.bin");
        assertThat(download(fileA.get("url").asText(), g.owner.auth()).statusCode()).isEqualTo(404);
        assertThat(download(fileB.get("url").asText(), g.owner.auth()).body()).isEqualTo(b);
        assertThat(download(kept.get(1).get("url").asText(), g.owner.auth()).body()).isEqualTo(c);

        assertThat(g.api.call("DELETE", messages() + "/" + id, g.owner.auth(), null).status()).isEqualTo(204);
        assertThat(download(fileB.get("url").asText(), g.owner.auth()).statusCode()).isEqualTo(404);
        assertThat(rows("SELECT count(*) FROM attachment_files WHERE message_id = " + id)).isZero();
    }

    @Test
    void aFileOverTenMebibytesIsRequestEntityTooLarge() throws Exception {
        HttpResponse<byte[]> tooLarge = multipart("POST", messages(), g.owner.auth(), "{}",
                new Part("big.bin", "application/octet-stream", new byte[Attachments.MAX_FILE_BYTES + 1]));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("code").asInt()).isEqualTo(40005);
        HttpResponse<byte[]> atLimit = multipart("POST", messages(), g.owner.auth(), "{}",
                new Part("max.bin", "application/octet-stream", new byte[Attachments.MAX_FILE_BYTES]));
        assertThat(atLimit.statusCode()).isEqualTo(200);
        assertThat(json(atLimit).at("/attachments/0/size").asInt()).isEqualTo(Attachments.MAX_FILE_BYTES);
    }

    private static long rows(String query) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

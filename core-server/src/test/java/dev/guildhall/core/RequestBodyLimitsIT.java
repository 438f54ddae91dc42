package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request body caps by content type over real sockets, with the default configuration: a 5 MiB attachment in
 * a multipart body is stored (and the kept-alive connection serves the next request), a 2 MiB JSON body and a
 * 30 MiB multipart body (declared or chunked) are answered 413 with Discord's 40005 body once the client has sent
 * them (the excess is dropped, not kept) and the connection is closed; the server keeps serving afterwards.
 */
class RequestBodyLimitsIT {
    private static final int MIB = 1024 * 1024;
    private static final String BOUNDARY = "limitsBoundary5e7cQ";

    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_body_limits");
        g = new GuildFixture(server, "limitsowner", "Body Limits Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String messagesPath() {
        return "/api/v10/channels/" + g.channelId + "/messages";
    }

    @Test
    void aFiveMibAttachmentIsStoredAndTheConnectionServesTheNextRequest() throws Exception {
        byte[] file = new byte[5 * MIB];
        new Random(5).nextBytes(file);
        try (Socket s = socket()) {
            send(s, head("multipart/form-data; boundary=" + BOUNDARY, multipart(file).length, false),
                    multipart(file));
            Reply stored = read(s.getInputStream());
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            JsonNode attachment = ApiClient.JSON.readTree(stored.body()).at("/attachments/0");
            assertThat(attachment.path("size").asInt()).isEqualTo(file.length);
            assertThat(attachment.path("filename").asText()).isEqualTo("replay.bin");
            send(s, ("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0]);
            assertThat(read(s.getInputStream()).status()).as("the same connection, kept alive").isEqualTo(200);
        }
    }

    @Test
    void aTwoMibJsonBodyIs40005AndTheConnectionCloses() throws Exception {
        byte[] body = json(2 * MIB);
        try (Socket s = socket()) {
            send(s, head("application/json", body.length, false), body);
            assertTooLarge(s);
        }
        assertServing();
    }

    @Test
    void aThirtyMibUploadIs40005DeclaredOrChunked() throws Exception {
        byte[] body = multipart(new byte[30 * MIB]);
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        try (Socket s = socket()) {
            send(s, head(type, body.length, false), body);
            assertTooLarge(s);
        }
        try (Socket s = socket()) {
            send(s, head(type, -1, true), chunked(body));
            assertTooLarge(s);
        }
        assertServing();
    }

    /** The 413 with Discord's body, then the server closes the connection. */
    private static void assertTooLarge(Socket s) throws IOException {
        Reply r = read(s.getInputStream());
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.headers()).contains("connection: close");
        JsonNode error = ApiClient.JSON.readTree(r.body());
        assertThat(error.path("code").asInt()).isEqualTo(40005);
        assertThat(error.path("message").asText()).isEqualTo("Request entity too large");
        assertThat(s.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
    }

    /** New connections still get answers, and a normal JSON post still works. */
    private static void assertServing() {
        assertThat(server.client().get("/health", null).status()).isEqualTo(200);
        assertThat(g.api.sendMessage(g.owner.auth(), g.channelId, "still here").status()).isEqualTo(200);
    }

    private static Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(60_000);
        return s;
    }

    private static byte[] head(String contentType, long length, boolean chunked) {
        return ("POST " + messagesPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + g.owner.auth()
                + "\r\nContent-Type: " + contentType + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the head and the body in 64 KiB slices, as a client that reads only once it has sent everything. */
    private static void send(Socket s, byte[] head, byte[] body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(head);
        for (int at = 0; at < body.length; at += 64 * 1024) {
            out.write(body, at, Math.min(64 * 1024, body.length - at));
        }
        out.flush();
    }

    private static byte[] json(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        byte[] start = "{\"content\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    private static byte[] multipart(byte[] file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(file.length + 512);
        b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"content\":\"the replay\"}\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"replay.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + body.length / 1000 + 16);
        int size = 256 * 1024;
        for (int at = 0; at < body.length; at += size) {
            int n = Math.min(size, body.length - at);
            b.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(body, at, n);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** One response: status, lower-cased headers and the body (framed by Content-Length). */
    private record Reply(int status, String headers, String body) {
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new Reply(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}

package dev.guildhall.core.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MultipartFormTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void payloadJsonIsReadFromItsPart() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfile bytes\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"content\":\"héllo\"}\r\n--XyZ--\r\n";
        byte[] json = MultipartForm.payloadJson(TYPE, body.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"content\":\"héllo\"}");
        assertThat(MultipartForm.isMultipart(TYPE)).isTrue();
        assertThat(MultipartForm.isMultipart("application/json")).isFalse();
    }

    @Test
    void filePartsAreReadWithNameTypeAndBytes() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{}\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"files[3]\"; filename=\"carte é.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0000\u0001\r\n\u0002\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; filename=\"b.bin\"; name=\"files[0]\"\r\n\r\nxy\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nz\r\n--XyZ--\r\n";
        List<UploadedFile> files = MultipartForm.files(TYPE, body.getBytes(StandardCharsets.UTF_8));
        assertThat(files).extracting(UploadedFile::index, UploadedFile::filename, UploadedFile::contentType,
                UploadedFile::size)
                .containsExactly(tuple(3, "carte é.png", "image/png", 5), tuple(0, "b.bin", null, 2));
        assertThat(files.get(0).data()).containsExactly(0, 1, '\r', '\n', 2);
        assertThat(files.get(1).data()).containsExactly('x', 'y');
        assertThat(MultipartForm.files("multipart/form-data", new byte[0])).isEmpty();
    }

    @Test
    void fileBytesThatLookLikeFormSyntaxAreContent() {
        byte[] data = new byte[256 + 12];
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i;
        }
        System.arraycopy("\r\n\r\n--Xy\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, data, 256, 12);
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"raw.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        assertThat(MultipartForm.files(TYPE, body)).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("raw.bin");
            assertThat(f.data()).isEqualTo(data);
        });
    }

    @Test
    void aFormWithoutPayloadJsonHasNone() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--\r\n";
        assertThat(MultipartForm.payloadJson(TYPE, body.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(MultipartForm.payloadJson("multipart/form-data", new byte[0])).isNull();
    }

    @Test
    void tokensInPathsAreKeptOutOfLogs() {
        IncomingRequest webhook = new IncomingRequest(null, true, "/api/v10/webhooks/123/s3cr3t/messages/9", true, 0);
        assertThat(webhook.loggablePath()).isEqualTo("/api/v10/webhooks/123/:token/messages/9");
        IncomingRequest callback = new IncomingRequest(null, true, "/api/v10/interactions/5/tok.en/callback", true, 0);
        assertThat(callback.loggablePath()).isEqualTo("/api/v10/interactions/5/:token/callback");
        IncomingRequest byId = new IncomingRequest(null, true, "/api/v10/webhooks/123", true, 0);
        assertThat(byId.loggablePath()).isEqualTo("/api/v10/webhooks/123");
    }
}

package dev.guildhall.core.messages;

import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.RequestEntityTooLarge;
import dev.guildhall.core.http.UploadedFile;
import dev.guildhall.core.json.Json;
import dev.guildhall.events.Snowflakes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentsTest {
    private final Snowflakes ids = new Snowflakes(1, 1);

    private static UploadedFile file(int index, String name, String type, int size) {
        return new UploadedFile(index, name, type, new byte[size]);
    }

    @Test
    void newFilesOverTheMessageLimitTogetherAreTooLarge() {
        int each = Attachments.MAX_FILE_BYTES;
        List<UploadedFile> files = List.of(file(0, "a", null, each), file(1, "b", null, each),
                file(2, "c", null, Attachments.MAX_MESSAGE_BYTES - 2 * each + 1));
        assertThatThrownBy(() -> Attachments.parse(Json.object(), files, Json.array(), 1, ids,
                InvalidFormBody.builder())).isInstanceOf(RequestEntityTooLarge.class);
        Attachments.Parsed atLimit = Attachments.parse(Json.object(), List.of(file(0, "a", null, each),
                        file(1, "b", null, each), file(2, "c", null, Attachments.MAX_MESSAGE_BYTES - 2 * each)),
                Json.array(), 1, ids, InvalidFormBody.builder());
        assertThat(atLimit.added()).hasSize(3);
    }

    @Test
    void genericTypesAreInferredFromTheFileName() {
        assertThat(Attachments.contentType("application/octet-stream", "shot.png")).isEqualTo("image/png");
        assertThat(Attachments.contentType(null, "clip.gif")).isEqualTo("image/gif");
        assertThat(Attachments.contentType("text/plain; charset=utf-8", "x.png"))
                .isEqualTo("text/plain; charset=utf-8");
        assertThat(Attachments.contentType("application/octet-stream", "blob")).isEqualTo("application/octet-stream");
        assertThat(Attachments.contentType(null, "blob")).isNull();
    }

    @Test
    void theStoredFileCarriesTheAttachmentsNameAndType() {
        var body = Json.object();
        body.putArray("attachments").addObject().put("id", 0).put("filename", "renamed.png");
        Attachments.Parsed p = Attachments.parse(body, List.of(file(0, "orig.bin", null, 3)), Json.array(), 9, ids,
                InvalidFormBody.builder());
        UploadedFile stored = p.added().values().iterator().next();
        assertThat(stored.filename()).isEqualTo("renamed.png");
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(p.attachments().get(0).get("content_type").asText()).isEqualTo("image/png");
        assertThat(Long.toString(p.added().keySet().iterator().next()))
                .isEqualTo(p.attachments().get(0).get("id").asText());
    }
}

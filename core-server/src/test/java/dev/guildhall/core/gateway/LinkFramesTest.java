package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkFramesTest {
    @Test
    void aDispatchSurvivesTheLinkWithEveryDeliveryField() throws IOException {
        ObjectNode data = Json.object().put("id", "1").put("content", "hi \ud83d\ude00");
        Dispatch sent = new Dispatch("MESSAGE_CREATE", data, Intents.GUILD_MESSAGES, true, 42, 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LinkFrames.write(new DataOutputStream(bytes),
                LinkFrames.bytes(LinkFrames.withDispatch(LinkFrames.frame("g").put("g", 9), sent)));
        ObjectNode frame = LinkFrames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Dispatch got = LinkFrames.dispatch(frame);
        assertThat(frame.get("g").asLong()).isEqualTo(9);
        assertThat(got.type()).isEqualTo("MESSAGE_CREATE");
        assertThat(got.data()).isEqualTo(data);
        assertThat(got.intent()).isEqualTo(Intents.GUILD_MESSAGES);
        assertThat(got.messageContent()).isTrue();
        assertThat(got.authorId()).isEqualTo(42);
        assertThat(got.channelId()).isEqualTo(7);
    }

    @Test
    void aPresenceSurvivesTheLink() {
        Presence p = Presence.parse(Json.object().put("status", "idle").put("afk", true).put("since", 5L)
                .set("activities", Json.mapper().createArrayNode().add(Json.object().put("name", "chess")
                        .put("type", 0))), 1000);
        Presence back = LinkFrames.presence(LinkFrames.presence(p));
        assertThat(back.status()).isEqualTo("idle");
        assertThat(back.afk()).isTrue();
        assertThat(back.since()).isEqualTo(5L);
        assertThat(back.activities().get(0).get("name").asText()).isEqualTo("chess");
        assertThat(LinkFrames.ids(LinkFrames.frame("x").putArray("a").add(1L).add(2L))).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void malformedFramesEndTheLink() {
        assertThatThrownBy(() -> LinkFrames.read(new DataInputStream(new ByteArrayInputStream(
                new byte[]{0x7f, 0, 0, 0})))).isInstanceOf(IOException.class).hasMessageContaining("length");
        byte[] notAnObject = "[1]".getBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            LinkFrames.write(new DataOutputStream(bytes), notAnObject);
            LinkFrames.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        }).isInstanceOf(IOException.class);
    }
}

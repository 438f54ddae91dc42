package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.MessageViews;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatch frames built from the shared serialised {@code d} are byte for byte what serialising the whole payload
 * per session wrote before ({@code Json.string} of {op, d, s, t}, UTF-8-encoded by the text frame).
 */
class DispatchFrameTest {

    /** The frame text as the gateway built it before the shared bytes. */
    private static byte[] perSession(ObjectNode d, long seq, String type) {
        ObjectNode payload = Json.object();
        payload.put("op", GatewayOp.DISPATCH);
        payload.set("d", d);
        payload.put("s", seq);
        payload.put("t", type);
        TextWebSocketFrame frame = new TextWebSocketFrame(Json.string(payload));
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
        }
    }

    private static byte[] shared(Dispatch dispatch, boolean withoutContent, long seq) {
        EmbeddedChannel ch = new EmbeddedChannel();
        GatewayConnection c = new GatewayConnection(ch, "c", false);
        assertThat(c.writeDispatch(dispatch.encoded(withoutContent), seq, dispatch.type(), true)).isTrue();
        TextWebSocketFrame frame = ch.readOutbound();
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
            ch.finishAndReleaseAll();
        }
    }

    private static ObjectNode message() {
        ObjectNode d = Json.object().put("id", "1576111185206575104").put("type", 0)
                .put("content", "héllo \"wörld\" \\ / \n\t 😀 日本語 \u0001 </script>")
                .put("channel_id", "1576111185206575105").put("guild_id", "1576111185206575106");
        d.putObject("author").put("id", "42").put("username", "ünï").putNull("avatar").put("bot", false);
        d.putArray("embeds").addObject().put("title", "t").put("color", 0xffffff);
        d.putArray("attachments");
        d.putArray("components");
        d.put("pinned", false).put("tts", false).put("flags", 0).put("nonce", 1234567890123456789L)
                .put("ratio", 0.5).putNull("edited_timestamp");
        ObjectNode ref = d.putObject("referenced_message").put("id", "1").put("content", "quoted ✓");
        ref.putArray("embeds");
        d.putObject("member").putArray("roles").add("7").add("8");
        return d;
    }

    @Test
    void framesAreByteIdenticalToSerialisingThePayloadPerSession() {
        ObjectNode d = message();
        Dispatch dispatch = new Dispatch("MESSAGE_CREATE", d, Intents.GUILD_MESSAGES, true, 42, 1576111185206575105L);
        for (long seq : new long[] {1, 9, 10, 12345, Long.MAX_VALUE}) {
            assertThat(shared(dispatch, false, seq)).isEqualTo(perSession(d, seq, "MESSAGE_CREATE"));
            assertThat(shared(dispatch, true, seq))
                    .isEqualTo(perSession(MessageViews.withoutContent(d), seq, "MESSAGE_CREATE"));
        }
        assertThat(new String(shared(dispatch, true, 3), StandardCharsets.UTF_8))
                .contains("\"content\":\"\"").contains("\"s\":3,\"t\":\"MESSAGE_CREATE\"}");
    }

    @Test
    void serialisesEachVariantOnceAndNeverTouchesTheSharedNode() {
        ObjectNode d = message();
        String before = Json.string(d);
        Dispatch dispatch = new Dispatch("MESSAGE_CREATE", d, Intents.GUILD_MESSAGES, true, 42);
        assertThat(dispatch.encoded(false)).isSameAs(dispatch.encoded(false));
        assertThat(dispatch.encoded(true)).isSameAs(dispatch.encoded(true));
        assertThat(Json.string(d)).isEqualTo(before);
    }

    @Test
    void unpairedSurrogatesAndOddEventNamesEncodeAsBefore() {
        ObjectNode d = Json.object().put("content", "broken \ud800 pair \udc00 end");
        Dispatch dispatch = Dispatch.guildWide("TYPE_with \"quotes\" é", d, 0);
        assertThat(shared(dispatch, false, 7)).isEqualTo(perSession(d, 7, dispatch.type()));
        Dispatch empty = Dispatch.guildWide("GUILD_DELETE", Json.object(), 0);
        assertThat(shared(empty, false, 2)).isEqualTo(perSession(Json.object(), 2, "GUILD_DELETE"));
    }

    @Test
    void zlibStreamSessionsDeflateTheSameBytesThroughTheirOwnContext() throws Exception {
        ObjectNode d = message();
        Dispatch dispatch = new Dispatch("MESSAGE_CREATE", d, Intents.GUILD_MESSAGES, false, 0);
        EmbeddedChannel ch = new EmbeddedChannel();
        GatewayConnection c = new GatewayConnection(ch, "z", true);
        Inflater inflater = new Inflater();
        try {
            for (long seq = 1; seq <= 3; seq++) {
                assertThat(c.writeDispatch(dispatch.encoded(false), seq, "MESSAGE_CREATE", true)).isTrue();
                BinaryWebSocketFrame frame = ch.readOutbound();
                byte[] bytes = ByteBufUtil.getBytes(frame.content());
                frame.release();
                assertThat(bytes).endsWith(0, 0, (byte) 0xff, (byte) 0xff);
                inflater.setInput(bytes);
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                byte[] buf = new byte[256];
                int n;
                while ((n = inflater.inflate(buf)) > 0) {
                    text.write(buf, 0, n);
                }
                assertThat(text.toByteArray()).isEqualTo(perSession(d, seq, "MESSAGE_CREATE"));
            }
        } finally {
            inflater.end();
            c.released();
            ch.finishAndReleaseAll();
        }
    }
}

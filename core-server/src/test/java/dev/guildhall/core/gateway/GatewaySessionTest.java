package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.TokenKind;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.json.Json;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay buffer and the zlib-stream framing, on Netty's EmbeddedChannel (no sockets, no engines). */
class GatewaySessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal BOT = new Principal(new User(42, "bot", null, true), TokenKind.BOT, 7, 0);
    private static final ChannelVisibility ALL_VISIBLE = new ChannelVisibility((channelId, userId) -> true);

    private static List<JsonNode> written(EmbeddedChannel ch) throws Exception {
        ch.runPendingTasks();
        List<JsonNode> out = new ArrayList<>();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            out.add(JSON.readTree(((TextWebSocketFrame) m).text()));
            ((TextWebSocketFrame) m).release();
        }
        return out;
    }

    private static Dispatch message(int n, boolean content) {
        ObjectNode d = Json.object().put("id", String.valueOf(n)).put("content", "text " + n);
        d.putArray("embeds");
        return new Dispatch("MESSAGE_CREATE", d, Intents.GUILD_MESSAGES, content, 1);
    }

    @Test
    void replaysFromTheBufferAndRefusesWhatItNoLongerHolds() throws Exception {
        EmbeddedChannel first = new EmbeddedChannel();
        GatewayConnection c1 = new GatewayConnection(first, "c1", false);
        GatewaySession s = new GatewaySession("s1", BOT, Intents.GUILDS | Intents.GUILD_MESSAGES, 5, ALL_VISIBLE, c1);
        s.onDispatch(1, message(0, false)); // before READY: queued, numbered after READY and GUILD_CREATE
        s.sendReady(Json.object().put("session_id", "s1"), List.of(Json.object().put("id", "1")));
        assertThat(written(first)).extracting(p -> p.get("t").asText() + ":" + p.get("s").asLong())
                .containsExactly("READY:1", "GUILD_CREATE:2", "MESSAGE_CREATE:3");
        // intents filter before numbering
        s.onDispatch(1, new Dispatch("TYPING_START", Json.object(), 1 << 11, false, 0));
        assertThat(written(first)).isEmpty();

        assertThat(s.detach(c1)).isPositive();
        s.onDispatch(1, message(4, false));
        s.onDispatch(1, message(5, true)); // bots without MESSAGE_CONTENT get it stripped, also on replay
        EmbeddedChannel second = new EmbeddedChannel();
        GatewayConnection c2 = new GatewayConnection(second, "c2", false);
        assertThat(s.resume(c2, 3).resumed()).isTrue();
        List<JsonNode> replay = written(second);
        assertThat(replay).extracting(p -> p.get("t").asText() + ":" + p.get("s").asLong())
                .containsExactly("MESSAGE_CREATE:4", "MESSAGE_CREATE:5", "RESUMED:6");
        assertThat(replay.get(0).at("/d/content").asText()).isEqualTo("text 4");
        assertThat(replay.get(1).at("/d/content").asText()).isEmpty();

        // READY / GUILD_CREATE payloads are let go once sent: a resume before them is refused
        EmbeddedChannel third = new EmbeddedChannel();
        assertThat(s.resume(new GatewayConnection(third, "c3", false), 1).resumed()).isFalse();
        // more than the bound (5) missed: refused; a seq never reached: refused
        s.detach(c2);
        for (int i = 7; i <= 12; i++) {
            s.onDispatch(1, message(i, false));
        }
        // the buffer holds 8..12; RESUMED would push 8 out, so only a client that saw 8 can resume
        assertThat(s.resume(new GatewayConnection(third, "c3", false), 7).resumed()).isFalse();
        assertThat(s.resume(new GatewayConnection(third, "c3", false), 99).resumed()).isFalse();
        assertThat(s.resume(new GatewayConnection(third, "c3", false), 8).resumed()).isTrue();
        assertThat(written(third)).extracting(p -> p.get("s").asLong()).containsExactly(9L, 10L, 11L, 12L, 13L);
        assertThat(s.expireIf(s.detach(s.connection()))).isTrue();
        assertThat(s.isInvalidated()).isTrue();
    }

    @Test
    void zlibStreamSharesOneContextAndEndsEachMessageWithSyncFlush() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        GatewayConnection c = new GatewayConnection(ch, "z", true);
        c.send(GatewayOp.HELLO, Json.object().put("heartbeat_interval", 41250));
        for (int i = 0; i < 3; i++) {
            c.send(GatewayOp.HEARTBEAT_ACK, null);
        }
        ch.runPendingTasks();
        Inflater inflater = new Inflater();
        List<JsonNode> out = new ArrayList<>();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            ByteBuf b = ((BinaryWebSocketFrame) m).content();
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            ((BinaryWebSocketFrame) m).release();
            assertThat(bytes).endsWith(0, 0, (byte) 0xff, (byte) 0xff);
            inflater.setInput(bytes);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = inflater.inflate(buf)) > 0) {
                text.write(buf, 0, n);
            }
            out.add(JSON.readTree(text.toString(StandardCharsets.UTF_8)));
        }
        inflater.end();
        c.released();
        assertThat(out).extracting(p -> p.get("op").asInt()).containsExactly(10, 11, 11, 11);
        assertThat(out.get(0).at("/d/heartbeat_interval").asInt()).isEqualTo(41250);
    }

    @Test
    void aCloseFrameAfterTheServersCloseIsOnlyItsAnswer() {
        GatewayConnection clientCloses = new GatewayConnection(new EmbeddedChannel(), "c1", false);
        clientCloses.clientCloseCode(1000);
        assertThat(clientCloses.clientCloseCode()).as("the client ended its session").isEqualTo(1000);

        // the server's close (4009) travels through the worker-pool handlers before the channel closes: the
        // client's answer can be read meanwhile and must not end the session that 4009 leaves resumable
        GatewayConnection serverCloses = new GatewayConnection(new EmbeddedChannel(), "c2", false);
        serverCloses.close(GatewayOp.CLOSE_SESSION_TIMED_OUT, "Session timed out.");
        serverCloses.clientCloseCode(1000);
        assertThat(serverCloses.clientCloseCode()).isEqualTo(-1);
    }
}

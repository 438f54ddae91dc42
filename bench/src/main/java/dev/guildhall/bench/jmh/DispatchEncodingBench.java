package dev.guildhall.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's fan-out hot spot (docs/benchmarks.md): one MESSAGE_CREATE for {@code sessions} sessions, encoded
 * the way {@code GatewaySession.flush} + {@code GatewayConnection.write} do it today (the payload serialised to a
 * String per session, then UTF-8-encoded into a text frame) against the proposed way ({@code d} serialised once,
 * each session's frame a wrapped prefix + shared bytes + its own {@code ,"s":N,"t":"..."}} suffix). The payload
 * has the fields core-server's MessageViews.message + GuildViews.member write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Duser.timezone=UTC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DispatchEncodingBench {
    private static final byte[] PREFIX = "{\"op\":0,\"d\":".getBytes(StandardCharsets.US_ASCII);

    @Param({"200"})
    public int sessions;

    private final ObjectMapper mapper = new ObjectMapper();
    private ObjectNode d;

    @Setup
    public void setUp() {
        d = mapper.createObjectNode();
        d.put("id", "1576111185206575104").put("type", 0).put("content", "bench-12345")
                .put("channel_id", "1576111185206575105").put("guild_id", "1576111185206575106");
        ObjectNode author = d.putObject("author");
        user(author);
        d.putArray("attachments");
        d.putArray("embeds");
        d.putArray("mentions");
        d.putArray("mention_roles");
        d.putArray("mention_channels");
        d.putArray("components");
        d.put("pinned", false).put("mention_everyone", false).put("tts", false)
                .put("timestamp", "2026-11-28T05:39:25.123456+00:00").putNull("edited_timestamp").put("flags", 0);
        ObjectNode member = d.putObject("member");
        member.putNull("nick").putNull("avatar").putNull("banner");
        member.putArray("roles");
        member.put("joined_at", "2026-11-28T05:39:20.000000+00:00").putNull("premium_since").put("deaf", false)
                .put("mute", false).put("flags", 0).put("pending", false);
        d.put("channel_type", 0);
    }

    private static void user(ObjectNode o) {
        o.put("id", "1576111143804600320").put("username", "fanout-17").put("discriminator", "0")
                .putNull("global_name").putNull("avatar").put("bot", false).put("system", false).putNull("banner")
                .putNull("accent_color").putNull("avatar_decoration_data").put("public_flags", 0).put("flags", 0);
    }

    /** The text of session 1's frame, encoded today's way and the proposed way (for the equivalence test). */
    String[] frames() throws JsonProcessingException {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("op", 0);
        payload.set("d", d);
        payload.put("s", 1);
        payload.put("t", "MESSAGE_CREATE");
        TextWebSocketFrame today = new TextWebSocketFrame(mapper.writeValueAsString(payload));
        TextWebSocketFrame proposed = new TextWebSocketFrame(Unpooled.wrappedBuffer(PREFIX, mapper.writeValueAsBytes(d),
                ",\"s\":1,\"t\":\"MESSAGE_CREATE\"}".getBytes(StandardCharsets.US_ASCII)));
        try {
            return new String[] {today.text(), proposed.text()};
        } finally {
            today.release();
            proposed.release();
        }
    }

    /** Today: per session a payload node, a String, and a UTF-8 copy of it in the frame. */
    @Benchmark
    public void serialisePerSession(Blackhole bh) throws JsonProcessingException {
        for (int s = 1; s <= sessions; s++) {
            ObjectNode payload = mapper.createObjectNode();
            payload.put("op", 0);
            payload.set("d", d);
            payload.put("s", s);
            payload.put("t", "MESSAGE_CREATE");
            TextWebSocketFrame frame = new TextWebSocketFrame(mapper.writeValueAsString(payload));
            bh.consume(frame.content().readableBytes());
            frame.release();
        }
    }

    /** Proposed: {@code d} serialised once; per session only the suffix is built and the shared bytes wrapped. */
    @Benchmark
    public void serialiseOnce(Blackhole bh) throws JsonProcessingException {
        byte[] shared = mapper.writeValueAsBytes(d);
        for (int s = 1; s <= sessions; s++) {
            byte[] suffix = (",\"s\":" + s + ",\"t\":\"MESSAGE_CREATE\"}").getBytes(StandardCharsets.US_ASCII);
            ByteBuf content = Unpooled.wrappedBuffer(PREFIX, shared, suffix);
            TextWebSocketFrame frame = new TextWebSocketFrame(content);
            bh.consume(frame.content().readableBytes());
            frame.release();
        }
    }
}

package dev.guildhall.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * The gateway's fan-out hot spot (docs/benchmarks.md): one MESSAGE_CREATE for {@code sessions} sessions, encoded
 * the way {@code GatewaySession.flush} + {@code GatewayConnection.write} do it today (the payload serialised to a
 * String per session, then UTF-8-encoded into a text frame) against the proposed way ({@code d} serialised once,
 * each session's frame a wrapped prefix + shared bytes + its own {@code ,"s":N,"t":"..."}} suffix). The payload
 * has the fields core-server's MessageViews.message + GuildViews.member write.
 *
 * <p>{@code serialiseOnceCopied} is what core-server does since the change (GatewayConnection.writeDispatch): the
 * shared bytes copied into one pooled buffer per session, which the socket writes without another copy. The
 * {@code zlib*} pair measures zlib-stream sessions, whose per-session compression stays (each has its own context).
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
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final byte[] chunk = new byte[8192];
    private ObjectNode d;
    private Deflater[] deflaters; // one zlib-stream context per session

    @Setup
    public void setUp() {
        deflaters = new Deflater[sessions];
        for (int s = 0; s < sessions; s++) {
            deflaters[s] = new Deflater(Deflater.BEST_SPEED);
        }
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

    @TearDown
    public void tearDown() {
        for (Deflater z : deflaters) {
            z.end();
        }
    }

    /** The text of session 1's frame, encoded the three ways (for the equivalence test). */
    String[] frames() throws JsonProcessingException {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("op", 0);
        payload.set("d", d);
        payload.put("s", 1);
        payload.put("t", "MESSAGE_CREATE");
        TextWebSocketFrame today = new TextWebSocketFrame(mapper.writeValueAsString(payload));
        TextWebSocketFrame proposed = new TextWebSocketFrame(Unpooled.wrappedBuffer(PREFIX, mapper.writeValueAsBytes(d),
                ",\"s\":1,\"t\":\"MESSAGE_CREATE\"}".getBytes(StandardCharsets.US_ASCII)));
        TextWebSocketFrame copied = new TextWebSocketFrame(copied(mapper.writeValueAsBytes(d), 1));
        try {
            return new String[] {today.text(), proposed.text(), copied.text()};
        } finally {
            today.release();
            proposed.release();
            copied.release();
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

    /** As core-server writes since the change: per session one pooled buffer, prefix + shared bytes + suffix copied. */
    @Benchmark
    public void serialiseOnceCopied(Blackhole bh) throws JsonProcessingException {
        byte[] shared = mapper.writeValueAsBytes(d);
        for (int s = 1; s <= sessions; s++) {
            TextWebSocketFrame frame = new TextWebSocketFrame(copied(shared, s));
            bh.consume(frame.content().readableBytes());
            frame.release();
        }
    }

    private ByteBuf copied(byte[] shared, int s) {
        byte[] suffix = (",\"s\":" + s + ",\"t\":\"MESSAGE_CREATE\"}").getBytes(StandardCharsets.US_ASCII);
        ByteBuf content = alloc.buffer(PREFIX.length + shared.length + suffix.length);
        return content.writeBytes(PREFIX).writeBytes(shared).writeBytes(suffix);
    }

    /** zlib-stream sessions before the change: the payload serialised per session, then deflated in its context. */
    @Benchmark
    public void zlibPerSession(Blackhole bh) throws JsonProcessingException {
        for (int s = 1; s <= sessions; s++) {
            ObjectNode payload = mapper.createObjectNode();
            payload.put("op", 0);
            payload.set("d", d);
            payload.put("s", s);
            payload.put("t", "MESSAGE_CREATE");
            bh.consume(deflate(deflaters[s - 1], mapper.writeValueAsBytes(payload)));
        }
    }

    /** zlib-stream sessions since: the shared bytes deflated in each session's own context (compression stays). */
    @Benchmark
    public void zlibSerialiseOnce(Blackhole bh) throws JsonProcessingException {
        byte[] shared = mapper.writeValueAsBytes(d);
        for (int s = 1; s <= sessions; s++) {
            byte[] suffix = (",\"s\":" + s + ",\"t\":\"MESSAGE_CREATE\"}").getBytes(StandardCharsets.US_ASCII);
            Deflater z = deflaters[s - 1];
            z.setInput(PREFIX);
            int out = drain(z, Deflater.NO_FLUSH);
            z.setInput(shared);
            out += drain(z, Deflater.NO_FLUSH);
            bh.consume(out + deflate(z, suffix));
        }
    }

    private int drain(Deflater z, int mode) {
        int out = 0;
        while (!z.needsInput()) {
            out += z.deflate(chunk, 0, chunk.length, mode);
        }
        return out;
    }

    private int deflate(Deflater z, byte[] in) {
        z.setInput(in);
        int out = 0;
        int n;
        do {
            n = z.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out += n;
        } while (n == chunk.length);
        return out;
    }
}

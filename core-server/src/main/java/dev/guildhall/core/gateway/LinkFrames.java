package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The gateway link's wire format: each frame is a 4-byte big-endian length and that many bytes of UTF-8 JSON with a
 * type {@code t}. Primary → node: {@code welcome}, {@code g} (guild dispatch), {@code pb}/{@code pe} (permission
 * change begins/ends), {@code u}/{@code ua} (dispatch to one user in a guild / anywhere), {@code sd} (dispatch to
 * one session: VOICE_SERVER_UPDATE), {@code join}, {@code leave}, {@code gdel}, {@code revoke}, {@code reply},
 * {@code ping}. Node → primary: {@code hello} (secret, the node's gateway URL), {@code call} (session start,
 * presences, voice states), {@code presence}, {@code presence_end}, {@code sessions} (how many connections the node
 * serves), {@code voice} (op 4 of a session), {@code voice_end} (a session ended), {@code voice_left} (a session
 * left a guild), {@code ping}.
 */
final class LinkFrames {
    /** Larger frames are a protocol error (the link is dropped). */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private LinkFrames() {
    }

    static byte[] bytes(ObjectNode frame) {
        return Json.string(frame).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode frame(String type) {
        return Json.object().put("t", type);
    }

    static void write(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
    }

    /** Reads one frame; throws at end of stream, on an oversize frame or malformed JSON. */
    static ObjectNode read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 2 || length > MAX_FRAME_BYTES) {
            throw new IOException("bad link frame length " + length);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        JsonNode node = Json.mapper().readTree(body);
        if (!(node instanceof ObjectNode o) || !o.path("t").isTextual()) {
            throw new IOException("link frame is not an object with a type");
        }
        return o;
    }

    static ObjectNode withDispatch(ObjectNode frame, Dispatch dispatch) {
        frame.put("type", dispatch.type());
        frame.put("i", dispatch.intent());
        frame.put("mc", dispatch.messageContent());
        frame.put("a", dispatch.authorId());
        frame.put("c", dispatch.channelId());
        frame.set("d", dispatch.data());
        return frame;
    }

    static Dispatch dispatch(JsonNode frame) {
        JsonNode d = frame.get("d");
        return new Dispatch(frame.path("type").asText(), d instanceof ObjectNode o ? o : Json.object(),
                frame.path("i").asInt(), frame.path("mc").asBoolean(), frame.path("a").asLong(),
                frame.path("c").asLong());
    }

    static void putIds(ObjectNode frame, String field, Collection<Long> ids) {
        var array = frame.putArray(field);
        ids.forEach(array::add);
    }

    static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    static ObjectNode presence(Presence p) {
        ObjectNode o = Json.object();
        o.put("status", p.status());
        o.set("activities", p.activities());
        if (p.since() == null) {
            o.putNull("since");
        } else {
            o.put("since", p.since());
        }
        o.put("afk", p.afk());
        return o;
    }

    static Presence presence(JsonNode o) {
        return Presence.parse(o, System.currentTimeMillis());
    }
}

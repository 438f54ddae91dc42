package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.guildhall.core.json.Json;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of one op-0 payload, {@code {"op":0,"d":<d>,"s":<seq>,"t":"<type>"}}, built from the dispatch's shared
 * serialised {@code d} ({@link Dispatch#encoded}) plus a per-session suffix, instead of serialising the whole payload
 * for every session. Byte-identical to serialising the payload node with {@link Json#string} (field order op, d, s,
 * t; no whitespace).
 */
final class DispatchFrame {
    static final byte[] PREFIX = "{\"op\":0,\"d\":".getBytes(StandardCharsets.US_ASCII);

    private DispatchFrame() {
    }

    /** {@code ,"s":<seq>,"t":"<type>"}} */
    static byte[] suffix(long seq, String type) {
        return (",\"s\":" + seq + ",\"t\":" + quoted(type) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes prefix, {@code d} and suffix into {@code out}. */
    static void write(ByteBuf out, byte[] d, byte[] suffix) {
        out.writeBytes(PREFIX).writeBytes(d).writeBytes(suffix);
    }

    static int length(byte[] d, byte[] suffix) {
        return PREFIX.length + d.length + suffix.length;
    }

    /** Event names are upper-case ASCII and need no escaping; anything else goes through the JSON encoder. */
    private static String quoted(String type) {
        for (int i = 0; i < type.length(); i++) {
            char ch = type.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch == '_' || ch >= '0' && ch <= '9')) {
                return Json.string(TextNode.valueOf(type));
            }
        }
        return '"' + type + '"';
    }
}

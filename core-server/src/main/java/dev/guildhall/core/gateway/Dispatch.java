package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.MessageViews;

import java.nio.charset.StandardCharsets;

/**
 * A gateway dispatch (op 0) before sequencing. One instance is shared by every session it is fanned out to, so
 * its {@code d} is serialised once ({@link #encoded(boolean)}) and each session only adds its own {@code s}.
 *
 * <p>{@code type} is the event name, e.g. {@code MESSAGE_CREATE}; {@code data} the {@code d} payload (shared between
 * sessions: never mutate it once published, copy instead); {@code intent} the intent bit a session needs to
 * receive it (0 = always delivered); {@code messageContent} whether {@code data} carries message content subject to
 * the MESSAGE_CONTENT rules; {@code authorId} the author of the message (bots always see their own content), 0 if
 * not a message; {@code channelId} the channel the event happens in: only sessions whose user may VIEW_CHANNEL
 * there receive it, 0 for guild-wide events (roles, members, the guild itself).
 */
public final class Dispatch {
    private final String type;
    private final ObjectNode data;
    private final int intent;
    private final boolean messageContent;
    private final long authorId;
    private final long channelId;
    // UTF-8 of data, and of data without the MESSAGE_CONTENT fields; computed on first use. Two event loops may
    // compute the same bytes at once: harmless, both results are equal.
    private volatile byte[] encoded;
    private volatile byte[] encodedWithoutContent;

    public Dispatch(String type, ObjectNode data, int intent, boolean messageContent, long authorId,
                    long channelId) {
        this.type = type;
        this.data = data;
        this.intent = intent;
        this.messageContent = messageContent;
        this.authorId = authorId;
        this.channelId = channelId;
    }

    /** A guild-wide dispatch (no channel gating). */
    public Dispatch(String type, ObjectNode data, int intent, boolean messageContent, long authorId) {
        this(type, data, intent, messageContent, authorId, 0);
    }

    /** A guild-wide dispatch that is not about a message. */
    public static Dispatch guildWide(String type, ObjectNode data, int intent) {
        return new Dispatch(type, data, intent, false, 0, 0);
    }

    /** A dispatch about something in one channel (delivered only to sessions that can view the channel). */
    public static Dispatch inChannel(String type, ObjectNode data, int intent, long channelId) {
        return new Dispatch(type, data, intent, false, 0, channelId);
    }

    public String type() {
        return type;
    }

    public ObjectNode data() {
        return data;
    }

    public int intent() {
        return intent;
    }

    public boolean messageContent() {
        return messageContent;
    }

    public long authorId() {
        return authorId;
    }

    public long channelId() {
        return channelId;
    }

    /**
     * The UTF-8 JSON of {@code d}, or of {@code d} with the MESSAGE_CONTENT fields emptied
     * ({@link MessageViews#withoutContent}); computed once per dispatch, shared by every session. Never modify the
     * returned array.
     */
    byte[] encoded(boolean withoutContent) {
        if (withoutContent) {
            byte[] b = encodedWithoutContent;
            if (b == null) {
                b = utf8(MessageViews.withoutContent(data));
                encodedWithoutContent = b;
            }
            return b;
        }
        byte[] b = encoded;
        if (b == null) {
            b = utf8(data);
            encoded = b;
        }
        return b;
    }

    /**
     * Through a String, as the gateway always encoded its frames: an unpaired surrogate in a string value (which a
     * JSON {@code \ud800} escape can produce) becomes {@code ?} instead of failing the encoding.
     */
    private static byte[] utf8(ObjectNode node) {
        return Json.string(node).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Dispatch[type=" + type + ", intent=" + intent + ", messageContent=" + messageContent + ", authorId="
                + authorId + ", channelId=" + channelId + "]";
    }
}

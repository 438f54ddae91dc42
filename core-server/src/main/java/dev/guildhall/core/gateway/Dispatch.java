package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A gateway dispatch (op 0) before sequencing.
 *
 * @param type           event name, e.g. {@code MESSAGE_CREATE}
 * @param data           the {@code d} payload (shared between sessions: never mutate, copy instead)
 * @param intent         the intent bit a session needs to receive it (0 = always delivered)
 * @param messageContent whether {@code data} carries message content subject to the MESSAGE_CONTENT rules
 * @param authorId       author of the message (bots always see their own content), 0 if not a message
 * @param channelId      the channel the event happens in: only sessions whose user may VIEW_CHANNEL there receive
 *                       it; 0 for guild-wide events (roles, members, the guild itself)
 */
public record Dispatch(String type, ObjectNode data, int intent, boolean messageContent, long authorId,
                       long channelId) {

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
}

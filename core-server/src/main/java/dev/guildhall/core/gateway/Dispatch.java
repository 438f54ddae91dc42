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
 */
public record Dispatch(String type, ObjectNode data, int intent, boolean messageContent, long authorId) {
}

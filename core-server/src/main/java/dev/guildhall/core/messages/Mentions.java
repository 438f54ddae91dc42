package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;

/**
 * Whom a message mentions, as its message object shows it.
 *
 * @param users    Discord user objects, each with a partial {@code member} in a guild
 * @param roles    the mentioned role ids (strings)
 * @param everyone whether it mentions @everyone or @here
 */
public record Mentions(ArrayNode users, ArrayNode roles, boolean everyone) {
    /** A message that mentions nobody. */
    public static Mentions none() {
        return new Mentions(Json.array(), Json.array(), false);
    }
}

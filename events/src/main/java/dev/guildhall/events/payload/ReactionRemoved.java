package dev.guildhall.events.payload;

/**
 * A user removed their reaction from a message (type {@code reaction.removed}, topic {@code guildhall.messages}).
 *
 * @param emojiId   the custom emoji's id, or null for a Unicode emoji
 * @param emojiName the Unicode emoji itself, or the custom emoji's name
 * @param removedAt epoch ms
 */
public record ReactionRemoved(String messageId, String channelId, String userId, String emojiId, String emojiName,
                              long removedAt) {
}

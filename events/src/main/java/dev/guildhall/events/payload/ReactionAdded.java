package dev.guildhall.events.payload;

/**
 * A user reacted to a message (type {@code reaction.added}, topic {@code guildhall.messages}).
 *
 * @param emojiId   the custom emoji's id, or null for a Unicode emoji
 * @param emojiName the Unicode emoji itself, or the custom emoji's name
 * @param addedAt   epoch ms
 */
public record ReactionAdded(String messageId, String channelId, String userId, String emojiId, String emojiName,
                            long addedAt) {
}

package dev.guildhall.events.payload;

/**
 * A message was deleted (type {@code message.deleted}, topic {@code guildhall.messages}).
 *
 * @param authorId  who wrote the message
 * @param deletedBy who deleted it (the author, or a member with MANAGE_MESSAGES)
 * @param deletedAt epoch ms of the deletion
 */
public record MessageDeleted(String messageId, String channelId, String authorId, String deletedBy,
                             long deletedAt) {
}

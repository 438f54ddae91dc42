package dev.guildhall.events.payload;

/**
 * A thread was deleted (type {@code thread.deleted}, topic {@code guildhall.guilds}).
 *
 * @param deletedAt epoch ms
 */
public record ThreadDeleted(String threadId, String parentId, int type, String actorId, long deletedAt) {
}

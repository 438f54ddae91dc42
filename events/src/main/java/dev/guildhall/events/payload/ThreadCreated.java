package dev.guildhall.events.payload;

/**
 * A thread was started (type {@code thread.created}, topic {@code guildhall.guilds}).
 *
 * @param type      10 announcement, 11 public, 12 private thread
 * @param ownerId   who started it
 * @param createdAt epoch ms
 */
public record ThreadCreated(String threadId, String parentId, int type, String ownerId, String name,
                            int autoArchiveDuration, long createdAt) {
}

package dev.guildhall.events.payload;

/**
 * A thread's name or state changed (type {@code thread.updated}, topic {@code guildhall.guilds}), also when the
 * auto-archive sweep archives it or a message unarchives it.
 *
 * @param actorId   who changed it, null for the auto-archive sweep
 * @param updatedAt epoch ms
 */
public record ThreadUpdated(String threadId, String parentId, String name, boolean archived, boolean locked,
                            int autoArchiveDuration, String actorId, long updatedAt) {
}

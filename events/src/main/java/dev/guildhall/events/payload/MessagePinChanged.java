package dev.guildhall.events.payload;

/**
 * A message was pinned or unpinned (type {@code message.pin_changed}, topic {@code guildhall.messages}).
 *
 * @param pinned    true when pinned, false when unpinned
 * @param actorId   who pinned or unpinned it
 * @param changedAt epoch ms
 */
public record MessagePinChanged(String messageId, String channelId, boolean pinned, String actorId,
                                long changedAt) {
}

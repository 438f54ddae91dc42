package dev.guildhall.events.payload;

/**
 * A message was stored (type {@code message.created}, topic {@code guildhall.messages}).
 * Content travels on Kafka (the AutoMod stream job scores it) but must never be written to ClickHouse.
 *
 * @param createdAt epoch ms at which the message was stored
 */
public record MessageCreated(String messageId, String channelId, String authorId, boolean authorBot,
                             String content, int contentLength, long createdAt) {
}

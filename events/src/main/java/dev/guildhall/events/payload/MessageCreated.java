package dev.guildhall.events.payload;

/**
 * A message was stored (type {@code message.created}, topic {@code guildhall.messages}).
 * Content travels on Kafka (the AutoMod stream job scores it) but must never be written to ClickHouse.
 *
 * @param createdAt      epoch ms at which the message was stored
 * @param automodPending AutoMod's model rules could not score the message inline (no model answer within the
 *                       budget): the rules decided alone and the stream verdict job must score it
 */
public record MessageCreated(String messageId, String channelId, String authorId, boolean authorBot,
                             String content, int contentLength, long createdAt, boolean automodPending) {

    /** A message that AutoMod's inline check fully decided (or that no model rule applies to). */
    public MessageCreated(String messageId, String channelId, String authorId, boolean authorBot, String content,
                          int contentLength, long createdAt) {
        this(messageId, channelId, authorId, authorBot, content, contentLength, createdAt, false);
    }
}

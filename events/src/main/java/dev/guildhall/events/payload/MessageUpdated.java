package dev.guildhall.events.payload;

/**
 * A message's content was edited by its author (type {@code message.updated}, topic {@code guildhall.messages}).
 * Like {@link MessageCreated}, content travels on Kafka but must never be written to ClickHouse.
 *
 * @param editedAt epoch ms of the edit (the message's new {@code edited_timestamp})
 */
public record MessageUpdated(String messageId, String channelId, String authorId, boolean authorBot,
                             String content, int contentLength, long editedAt) {
}

package dev.guildhall.events.payload;

/**
 * A message's content was edited by its author (type {@code message.updated}, topic {@code guildhall.messages}).
 * Like {@link MessageCreated}, content travels on Kafka but must never be written to ClickHouse. The AutoMod stream
 * job scores the edited content like a new message.
 *
 * @param editedAt       epoch ms of the edit (the message's new {@code edited_timestamp}); it names the content
 *                       version a verdict on this edit is about
 * @param createdAt      epoch ms at which the message was first stored (0 in events written before the field)
 * @param automodPending AutoMod's model rules could not score the edited content inline (no model answer within
 *                       the budget): the rules decided alone and the stream verdict of this edit must decide
 */
public record MessageUpdated(String messageId, String channelId, String authorId, boolean authorBot,
                             String content, int contentLength, long editedAt, long createdAt,
                             boolean automodPending) {

    /** An edit that AutoMod's inline check fully decided (or that no model rule applies to). */
    public MessageUpdated(String messageId, String channelId, String authorId, boolean authorBot, String content,
                          int contentLength, long editedAt, long createdAt) {
        this(messageId, channelId, authorId, authorBot, content, contentLength, editedAt, createdAt, false);
    }
}

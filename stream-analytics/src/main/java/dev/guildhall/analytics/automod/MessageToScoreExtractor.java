package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageUpdated;

import java.util.Map;

/**
 * {@code message.created} and {@code message.updated} (an edit's content is scored like a new message) →
 * {@link MessageToScore}; other types on the topic are skipped. An edit written before {@code created_at} was in
 * the event takes the message's posting time from its snowflake id.
 */
public final class MessageToScoreExtractor implements EventExtractor<MessageToScore> {
    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.MESSAGE_CREATED.wireName(), MessageCreated.class,
                EventType.MESSAGE_UPDATED.wireName(), MessageUpdated.class);
    }

    @Override
    public MessageToScore extract(IncomingEvent envelope) {
        if (EventType.MESSAGE_CREATED.wireName().equals(envelope.type())) {
            MessageCreated m = envelope.payload(MessageCreated.class);
            requireContent(m.content());
            if (m.createdAt() <= 0) {
                throw new InvalidEventException("payload.created_at must be a positive epoch ms but was "
                        + m.createdAt());
            }
            return toScore(envelope, m.messageId(), m.channelId(), m.authorId(), m.content(), m.createdAt(),
                    m.automodPending(), 0);
        }
        if (EventType.MESSAGE_UPDATED.wireName().equals(envelope.type())) {
            MessageUpdated m = envelope.payload(MessageUpdated.class);
            requireContent(m.content());
            if (m.editedAt() <= 0) {
                throw new InvalidEventException("payload.edited_at must be a positive epoch ms but was "
                        + m.editedAt());
            }
            long messageId = EventExtractor.snowflake("payload.message_id", m.messageId());
            long createdAt = m.createdAt() > 0 ? m.createdAt() : Snowflakes.timestampOf(messageId);
            return toScore(envelope, m.messageId(), m.channelId(), m.authorId(), m.content(), createdAt,
                    m.automodPending(), m.editedAt());
        }
        return null;
    }

    private static void requireContent(String content) {
        if (content == null) {
            throw new InvalidEventException("payload.content is missing");
        }
    }

    private static MessageToScore toScore(IncomingEvent envelope, String messageId, String channelId,
                                          String authorId, String content, long createdAt, boolean pending,
                                          long editedAt) {
        return new MessageToScore(EventExtractor.required("event_id", envelope.eventId()),
                EventExtractor.eventTime(envelope), EventExtractor.snowflake("guild_id", envelope.guildId()),
                EventExtractor.snowflake("payload.message_id", messageId),
                EventExtractor.snowflake("payload.channel_id", channelId),
                EventExtractor.snowflake("payload.author_id", authorId), content, createdAt, pending, editedAt);
    }
}

package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.payload.MessageCreated;

/** {@code message.created} → {@link MessageToScore}; other types on the topic are skipped. */
public final class MessageToScoreExtractor implements EventExtractor<MessageToScore> {
    @Override
    public MessageToScore extract(EventEnvelope envelope) {
        if (!EventType.MESSAGE_CREATED.wireName().equals(envelope.type())) {
            return null;
        }
        MessageCreated m = EventCodec.payload(envelope, MessageCreated.class);
        if (m.content() == null) {
            throw new InvalidEventException("payload.content is missing");
        }
        if (m.createdAt() <= 0) {
            throw new InvalidEventException("payload.created_at must be a positive epoch ms but was " + m.createdAt());
        }
        return new MessageToScore(EventExtractor.required("event_id", envelope.eventId()),
                EventExtractor.eventTime(envelope), EventExtractor.snowflake("guild_id", envelope.guildId()),
                EventExtractor.snowflake("payload.message_id", m.messageId()),
                EventExtractor.snowflake("payload.channel_id", m.channelId()),
                EventExtractor.snowflake("payload.author_id", m.authorId()), m.content(), m.createdAt(),
                m.automodPending());
    }
}

package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.ingest.EventExtractor;
import dev.guildhall.analytics.ingest.IncomingEvent;
import dev.guildhall.events.EventType;
import dev.guildhall.events.payload.MessageCreated;

import java.util.Map;

/** {@code message.created} → {@link MessageEvent}; other types on the topic are skipped. */
public final class MessageEventExtractor implements EventExtractor<MessageEvent> {
    @Override
    public Map<String, Class<? extends Record>> payloadTypes() {
        return Map.of(EventType.MESSAGE_CREATED.wireName(), MessageCreated.class);
    }

    @Override
    public MessageEvent extract(IncomingEvent envelope) {
        if (!EventType.MESSAGE_CREATED.wireName().equals(envelope.type())) {
            return null;
        }
        MessageCreated payload = envelope.payload(MessageCreated.class);
        long guildId = EventExtractor.snowflake("guild_id", envelope.guildId());
        long channelId = EventExtractor.snowflake("payload.channel_id", payload.channelId());
        long authorId = EventExtractor.snowflake("payload.author_id", payload.authorId());
        return new MessageEvent(envelope.eventId(), guildId, channelId, authorId, payload.authorBot(),
                EventExtractor.eventTime(envelope));
    }
}

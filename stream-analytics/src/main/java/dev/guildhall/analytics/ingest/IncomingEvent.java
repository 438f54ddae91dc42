package dev.guildhall.analytics.ingest;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;

/**
 * What an {@link EventExtractor} reads: the envelope's fields and the payload bound to the record its type needs.
 * Two sources: a decoded {@link EventEnvelope} (payload bound from its tree), or {@link StreamingEventDecoder}'s
 * one-pass decode (payload already bound straight from the bytes).
 */
public interface IncomingEvent {
    String eventId();

    String type();

    long occurredAt();

    String guildId();

    /** The payload as {@code type}; throws {@link dev.guildhall.events.InvalidEventException} if it does not bind. */
    <P extends Record> P payload(Class<P> type);

    static IncomingEvent of(EventEnvelope envelope) {
        return new IncomingEvent() {
            @Override
            public String eventId() {
                return envelope.eventId();
            }

            @Override
            public String type() {
                return envelope.type();
            }

            @Override
            public long occurredAt() {
                return envelope.occurredAt();
            }

            @Override
            public String guildId() {
                return envelope.guildId();
            }

            @Override
            public <P extends Record> P payload(Class<P> type) {
                return EventCodec.payload(envelope, type);
            }
        };
    }
}

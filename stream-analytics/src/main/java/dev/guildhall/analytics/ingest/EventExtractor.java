package dev.guildhall.analytics.ingest;

import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.InvalidEventException;

import java.io.Serializable;
import java.util.Map;

/**
 * Turns a decoded event into the compact event a job works on.
 * Returns {@code null} for event types the job does not consume (they are skipped, not dead-lettered);
 * throws {@link InvalidEventException} with the reason for events that violate the contract.
 */
public interface EventExtractor<T> extends Serializable {
    T extract(IncomingEvent event);

    /**
     * The payload record {@link #extract} reads for each wire type it consumes (the one-pass decoder binds exactly
     * these; other types are skipped without binding).
     */
    Map<String, Class<? extends Record>> payloadTypes();

    default T extract(EventEnvelope envelope) {
        return extract(IncomingEvent.of(envelope));
    }

    /** Parses a snowflake id (decimal string, non-negative, fits UInt64 as a signed long). */
    static long snowflake(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException(field + " is missing");
        }
        try {
            long id = Long.parseLong(value);
            if (id < 0) {
                throw new InvalidEventException(field + " is not a snowflake: " + value);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidEventException(field + " is not a snowflake: " + value);
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is missing");
        }
        return value;
    }

    static long eventTime(IncomingEvent envelope) {
        if (envelope.occurredAt() <= 0) {
            throw new InvalidEventException("occurred_at must be a positive epoch ms but was " + envelope.occurredAt());
        }
        return envelope.occurredAt();
    }
}

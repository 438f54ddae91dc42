package dev.guildhall.analytics.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.guildhall.events.EventCodec;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes an event in one streaming pass: the envelope's fields straight from the parser, and the payload bound
 * directly to the record its type needs (or skipped when the job does not consume the type) — no tree.
 * <p>
 * Only the canonical form that {@code EventCodec.encode} writes is taken: every envelope field present once with its
 * wire type (strings as JSON strings, {@code version} a JSON integer ≥ 1 in int range, {@code occurred_at} a JSON
 * integer in long range), {@code type} before {@code payload}, {@code payload} an object that binds, nothing after
 * the object. Anything else answers {@link #NOT_CANONICAL}, and the caller decodes it with {@code EventCodec.decode}
 * so coercions, errors and dead-letter reasons stay exactly those of the contract's decoder.
 */
public final class StreamingEventDecoder {
    /** The answer for input this decoder does not take (decode it with {@code EventCodec.decode}). */
    public static final IncomingEvent NOT_CANONICAL = new Decoded(null, null, 0, null, null);

    private static final int EVENT_ID = 1;
    private static final int TYPE = 2;
    private static final int VERSION = 4;
    private static final int OCCURRED_AT = 8;
    private static final int GUILD_ID = 16;
    private static final int SOURCE = 32;
    private static final int PAYLOAD = 64;
    private static final int ALL = 127;

    private final Map<String, ObjectReader> readers = new HashMap<>();

    /** @param payloadTypes the payload record per wire type the job consumes */
    public StreamingEventDecoder(Map<String, Class<? extends Record>> payloadTypes) {
        payloadTypes.forEach((type, cls) -> readers.put(type, EventCodec.mapper().readerFor(cls)));
    }

    /**
     * The event (its payload null when the job does not consume its type), or {@link #NOT_CANONICAL}.
     * Never throws.
     */
    public IncomingEvent decode(byte[] json) {
        if (json == null) {
            return NOT_CANONICAL;
        }
        try (JsonParser p = EventCodec.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NOT_CANONICAL;
            }
            int seen = 0;
            String eventId = null;
            String type = null;
            long occurredAt = 0;
            String guildId = null;
            Record payload = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit = bit(name);
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0) {
                    return NOT_CANONICAL;
                }
                seen |= bit;
                switch (bit) {
                    case EVENT_ID, TYPE, GUILD_ID, SOURCE -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return NOT_CANONICAL;
                        }
                        String text = p.getText();
                        if (bit == EVENT_ID) {
                            eventId = text;
                        } else if (bit == TYPE) {
                            type = text;
                        } else if (bit == GUILD_ID) {
                            guildId = text;
                        }
                    }
                    case VERSION -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                                || p.getIntValue() < 1) {
                            return NOT_CANONICAL;
                        }
                    }
                    case OCCURRED_AT -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return NOT_CANONICAL;
                        }
                        occurredAt = p.getLongValue();
                    }
                    default -> {   // PAYLOAD
                        if (v != JsonToken.START_OBJECT || type == null) {
                            return NOT_CANONICAL;
                        }
                        ObjectReader reader = readers.get(type);
                        if (reader == null) {
                            p.skipChildren();
                        } else {
                            payload = reader.readValue(p);
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || seen != ALL || p.nextToken() != null) {
                return NOT_CANONICAL;
            }
            return new Decoded(eventId, type, occurredAt, guildId, payload);
        } catch (IOException | RuntimeException e) {
            return NOT_CANONICAL;   // the contract's decoder gives the reason
        }
    }

    private static int bit(String name) {
        return switch (name) {
            case "event_id" -> EVENT_ID;
            case "type" -> TYPE;
            case "version" -> VERSION;
            case "occurred_at" -> OCCURRED_AT;
            case "guild_id" -> GUILD_ID;
            case "source" -> SOURCE;
            case "payload" -> PAYLOAD;
            default -> 0;
        };
    }

    private record Decoded(String eventId, String type, long occurredAt, String guildId, Record bound)
            implements IncomingEvent {
        @Override
        public <P extends Record> P payload(Class<P> cls) {
            if (!cls.isInstance(bound)) {
                throw new IllegalStateException("payload of " + type + " was not decoded as " + cls.getSimpleName()
                        + "; the extractor's payloadTypes() must name it");
            }
            return cls.cast(bound);
        }
    }
}

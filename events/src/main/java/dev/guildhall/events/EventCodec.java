package dev.guildhall.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON serde for the event contract. Thread-safe. */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private EventCodec() {
    }

    /** The mapper used for the contract (snake_case, unknown properties ignored). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Wrap a typed payload in a new envelope with a fresh event id and the type's current version. */
    public static EventEnvelope wrap(Snowflakes ids, String source, String guildId, long occurredAt, Record payload) {
        EventType type = EventType.of(payload.getClass());
        return new EventEnvelope(ids.nextString(), type.wireName(), type.version(), occurredAt, guildId, source,
                MAPPER.valueToTree(payload));
    }

    public static byte[] encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + envelope.eventId(), e);
        }
    }

    public static String encodeToString(EventEnvelope envelope) {
        return new String(encode(envelope), StandardCharsets.UTF_8);
    }

    /** Parse and validate an envelope; throws {@link InvalidEventException} with the reason. */
    public static EventEnvelope decode(byte[] json) {
        if (json == null) {
            throw new InvalidEventException("null record value");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException("event is not a JSON object");
            }
            for (String field : new String[]{"event_id", "type", "version", "occurred_at", "guild_id", "source", "payload"}) {
                if (!node.hasNonNull(field)) {
                    throw new InvalidEventException("missing field " + field);
                }
            }
            if (!node.get("payload").isObject()) {
                throw new InvalidEventException("payload is not an object");
            }
            EventEnvelope canonical = canonical(node);
            return canonical != null ? canonical : MAPPER.treeToValue(node, EventEnvelope.class);
        } catch (InvalidEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("unparseable event: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope straight from the parsed tree when every field has its wire type (strings as JSON strings, version
     * and occurred_at as JSON integers in range), which is what {@link #encode} writes: no second pass over the tree
     * and no copy of the payload. Anything else returns null and goes through data binding (its coercions and errors).
     */
    private static EventEnvelope canonical(JsonNode node) {
        JsonNode eventId = node.get("event_id");
        JsonNode type = node.get("type");
        JsonNode version = node.get("version");
        JsonNode occurredAt = node.get("occurred_at");
        JsonNode guildId = node.get("guild_id");
        JsonNode source = node.get("source");
        if (!eventId.isTextual() || !type.isTextual() || !guildId.isTextual() || !source.isTextual()
                || !version.isIntegralNumber() || !version.canConvertToInt()
                || !occurredAt.isIntegralNumber() || !occurredAt.canConvertToLong()) {
            return null;
        }
        return new EventEnvelope(eventId.textValue(), type.textValue(), version.intValue(), occurredAt.longValue(),
                guildId.textValue(), source.textValue(), node.get("payload"));
    }

    public static EventEnvelope decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Read the payload of an envelope as the given record type. */
    public static <T extends Record> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.payload(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEventException("payload of " + envelope.eventId() + " is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}

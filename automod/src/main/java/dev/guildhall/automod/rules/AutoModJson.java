package dev.guildhall.automod.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;

/** JSON for the rule objects, in Discord's shapes (snake_case, snowflakes as strings, unknown fields ignored). */
public final class AutoModJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AutoModJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule objects always serialise", e);
        }
    }

    /** A parsed value, or the form errors that stopped parsing (at the JSON path of the bad value). */
    public record Parsed<T>(T value, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static <T> Parsed<T> read(String json, Class<T> type) {
        try {
            return new Parsed<>(MAPPER.readValue(json, type), List.of());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            String reason = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            return new Parsed<>(null, List.of(new FieldError(path, "BASE_TYPE_CHOICES", "Invalid value: " + reason)));
        } catch (JsonProcessingException e) {
            return new Parsed<>(null, List.of(new FieldError("", "BASE_TYPE_INVALID", "Invalid JSON")));
        }
    }
}

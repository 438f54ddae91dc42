package dev.guildhall.analytics.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a flat payload record (components of type String, boolean, int, long, double, Boolean, Integer, Long, Double)
 * straight from the parser, without Jackson's data binding: each field in snake_case (the contract mapper's naming),
 * each value of exactly the JSON type the encoder writes (a string as a JSON string, integers as JSON integers in
 * range, a double as a JSON number, a boolean as true/false, null only for the reference types), every component
 * present once, unknown fields skipped. Anything else answers {@code null}, and the caller decodes the record with
 * the contract's decoder, so coercions and error reasons stay those of Jackson's binding; where this reader answers,
 * it builds the record Jackson would (same canonical constructor, same values).
 */
final class FlatPayloadReader {
    private static final Set<Class<?>> FLAT = Set.of(String.class, boolean.class, int.class, long.class,
            double.class, Boolean.class, Integer.class, Long.class, Double.class);
    /** Marks a component read as JSON null (values[i] == null means "not seen"). */
    private static final Object NULL = new Object();

    private final Class<?>[] types;
    private final String[] names;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final MethodHandle constructor;

    private FlatPayloadReader(Class<? extends Record> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        types = new Class<?>[components.length];
        names = new String[components.length];
        PropertyNamingStrategies.NamingBase snakeCase =
                (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            names[i] = snakeCase.translate(components[i].getName()).intern();
            indexOf.put(names[i], i);
        }
        Constructor<? extends Record> canonical = type.getDeclaredConstructor(types);
        constructor = MethodHandles.publicLookup().unreflectConstructor(canonical)
                .asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Record.class, Object[].class));
    }

    /**
     * A reader for {@code type}, or null when it is not a flat record without Jackson annotations (then Jackson's
     * binding reads it).
     */
    static FlatPayloadReader of(Class<? extends Record> type) {
        if (!type.isRecord() || type.getAnnotations().length > 0) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (!FLAT.contains(c.getType()) || c.getAnnotations().length > 0
                    || c.getAccessor().getAnnotations().length > 0) {
                return null;
            }
        }
        try {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getAnnotations().length > 0) {
                    return null;
                }
            }
            return new FlatPayloadReader(type);
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /**
     * The record, with the parser at the payload's START_OBJECT; returns with the parser at its END_OBJECT, or null
     * when the payload is not in the canonical form (the parser is then somewhere inside it).
     */
    Record read(JsonParser p) throws IOException {
        Object[] values = new Object[types.length];
        int seen = 0;
        int expected = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int i;
            if (expected < names.length && names[expected].equals(name)) {
                i = expected++;   // the encoder writes the components in order
            } else {
                Integer at = indexOf.get(name);
                if (at == null) {
                    p.skipChildren();
                    continue;
                }
                i = at;
            }
            if (values[i] != null || !value(p, v, types[i], values, i)) {
                return null;   // a repeated field (the tree keeps the last) or another JSON type: binding decides
            }
            seen++;
        }
        if (t != JsonToken.END_OBJECT || seen != types.length) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == NULL) {
                values[i] = null;
            }
        }
        try {
            return (Record) constructor.invokeExact(values);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return null;   // the record's constructor refused the values: binding gives the reason
        }
    }

    private static boolean value(JsonParser p, JsonToken v, Class<?> type, Object[] values, int i) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            if (type.isPrimitive()) {
                return false;
            }
            values[i] = NULL;
            return true;
        }
        if (type == String.class) {
            if (v != JsonToken.VALUE_STRING) {
                return false;
            }
            values[i] = p.getText();
        } else if (type == long.class || type == Long.class) {
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return false;
            }
            values[i] = p.getLongValue();
        } else if (type == int.class || type == Integer.class) {
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                return false;
            }
            values[i] = p.getIntValue();
        } else if (type == double.class || type == Double.class) {
            if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                values[i] = p.getDoubleValue();
            } else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                values[i] = (double) p.getLongValue();
            } else {
                return false;
            }
        } else if (type == boolean.class || type == Boolean.class) {
            if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                return false;
            }
            values[i] = v == JsonToken.VALUE_TRUE;
        } else {
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "FlatPayloadReader" + Arrays.toString(names);
    }
}

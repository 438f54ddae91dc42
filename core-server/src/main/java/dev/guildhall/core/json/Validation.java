package dev.guildhall.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;

/** Field readers that collect Discord-style 50035 errors instead of throwing at the first problem. */
public final class Validation {
    private Validation() {
    }

    /** A required string field; records BASE_TYPE_REQUIRED / BASE_TYPE_STRING and returns null on error. */
    public static String requiredString(JsonNode body, String field, InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            errors.add(field, "BASE_TYPE_REQUIRED", "This field is required");
            return null;
        }
        if (!v.isTextual()) {
            errors.add(field, "BASE_TYPE_STRING", "Must be a string.");
            return null;
        }
        return v.textValue();
    }

    /** An optional string field (absent or null → null). */
    public static String optionalString(JsonNode body, String field, InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(field, "BASE_TYPE_STRING", "Must be a string.");
            return null;
        }
        return v.textValue();
    }

    /** An optional integer field within [min, max]; absent or null → fallback. */
    public static Integer optionalInt(JsonNode body, String field, int min, int max, Integer fallback,
                                      InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.longValue();
        } else if (v.isTextual() && v.textValue().matches("-?\\d{1,18}")) {
            value = Long.parseLong(v.textValue());
        } else {
            errors.add(field, "NUMBER_TYPE_COERCE", "Value \"" + v.asText() + "\" is not int.");
            return fallback;
        }
        if (value < min) {
            errors.add(field, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
            return fallback;
        }
        if (value > max) {
            errors.add(field, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
            return fallback;
        }
        return (int) value;
    }

    /** An optional boolean field; absent or null → fallback. */
    public static boolean optionalBoolean(JsonNode body, String field, boolean fallback,
                                          InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            errors.add(field, "BASE_TYPE_BOOLEAN", "Must be either true or false.");
            return fallback;
        }
        return v.booleanValue();
    }

    /** Checks a string's length in characters (code points), recording BASE_TYPE_BAD_LENGTH. */
    public static boolean length(String value, String field, int min, int max, InvalidFormBody.Builder errors) {
        if (value == null) {
            return false;
        }
        int len = value.codePointCount(0, value.length());
        if (len < min || len > max) {
            errors.add(field, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
            return false;
        }
        return true;
    }
}

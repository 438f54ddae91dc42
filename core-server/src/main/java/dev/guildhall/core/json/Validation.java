package dev.guildhall.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Field readers that collect Discord-style 50035 errors instead of throwing at the first problem. */
public final class Validation {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern UNSIGNED = Pattern.compile("\\+?[0-9]+");
    private static final BigInteger MAX_SNOWFLAKE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Validation() {
    }

    /**
     * A snowflake as Discord reads one from a path, query or body string: decimal digits within 64 bits unsigned.
     * Returns the value (0 is a valid snowflake that names nothing), or -1 when the text is not a snowflake.
     * Values above {@link Long#MAX_VALUE} are snowflakes by form but can name nothing here: they read as 0.
     */
    public static long parseSnowflake(String raw) {
        if (raw == null || !UNSIGNED.matcher(raw).matches()) {
            return -1;
        }
        BigInteger v = new BigInteger(raw);
        if (v.compareTo(MAX_SNOWFLAKE) > 0) {
            return -1;
        }
        return v.bitLength() < 64 ? v.longValue() : 0;
    }

    /** Discord's 50035 entry for a value that is not a snowflake. */
    public static void notSnowflake(String field, String raw, InvalidFormBody.Builder errors) {
        errors.add(field, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
    }

    /**
     * An optional snowflake query parameter (absent or empty → 0); a non-snowflake records NUMBER_TYPE_COERCE
     * and reads as 0.
     */
    public static long querySnowflake(String raw, String field, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        long v = parseSnowflake(raw);
        if (v < 0) {
            notSnowflake(field, raw, errors);
            return 0;
        }
        return v;
    }

    /**
     * An optional integer query parameter within [min, max] (absent or empty → fallback): NUMBER_TYPE_COERCE for
     * a non-integer, NUMBER_TYPE_MIN / NUMBER_TYPE_MAX out of range (however many digits), each reading as fallback.
     */
    public static int queryInt(String raw, String field, int min, int max, int fallback,
                               InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        if (!INTEGER.matcher(raw).matches()) {
            errors.add(field, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
            return fallback;
        }
        BigInteger v = new BigInteger(raw);
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            errors.add(field, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
            return fallback;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            errors.add(field, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
            return fallback;
        }
        return v.intValue();
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
        return storable(v.textValue(), field, errors);
    }

    /**
     * The string, or null after recording STRING_TYPE_NULL_CHARACTER when it holds U+0000: valid JSON, but no
     * PostgreSQL text column can store it. Every string a route keeps must pass here.
     */
    public static String storable(String value, String field, InvalidFormBody.Builder errors) {
        if (value != null && value.indexOf('\0') >= 0) {
            errors.add(field, "STRING_TYPE_NULL_CHARACTER", "Must not contain null characters.");
            return null;
        }
        return value;
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
        return storable(v.textValue(), field, errors);
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

package dev.guildhall.core.moderation;

import dev.guildhall.core.errors.InvalidFormBody;

/** Query-string readers that collect Discord's 50035 errors (snowflakes and bounded integers). */
public final class QueryParams {
    private QueryParams() {
    }

    /** A snowflake parameter; absent → 0; {@code 0} is allowed (Discord's "from the start"). */
    public static long snowflake(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null) {
            return 0;
        }
        try {
            long v = Long.parseUnsignedLong(raw);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
            return 0;
        }
    }

    /** An integer parameter within [min, max]; absent → fallback. */
    public static int integer(String name, String raw, int min, int max, int fallback, InvalidFormBody.Builder errors) {
        if (raw == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
            return fallback;
        }
        if (v < min) {
            errors.add(name, "NUMBER_TYPE_MIN", "int value should be greater than or equal to " + min + ".");
            return fallback;
        }
        if (v > max) {
            errors.add(name, "NUMBER_TYPE_MAX", "int value should be less than or equal to " + max + ".");
            return fallback;
        }
        return (int) v;
    }
}

package dev.guildhall.core.threads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Validation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/** Body fields and query strings of the thread routes, with Discord's 50035 error shapes. */
final class ThreadParams {
    /** The values Discord accepts for auto_archive_duration (minutes). */
    static final Set<Integer> AUTO_ARCHIVE_DURATIONS = Set.of(60, 1440, 4320, 10080);

    private ThreadParams() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** auto_archive_duration: one of 60, 1440, 4320, 10080 (BASE_TYPE_CHOICES); absent → fallback. */
    static int autoArchiveDuration(JsonNode body, int fallback, InvalidFormBody.Builder errors) {
        Integer d = Validation.optionalInt(body, "auto_archive_duration", 0, Integer.MAX_VALUE, fallback, errors);
        if (d != null && !AUTO_ARCHIVE_DURATIONS.contains(d)) {
            errors.add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.");
            return fallback;
        }
        return d == null ? fallback : d;
    }

    /** An optional boolean that stays null when absent (PATCH semantics). */
    static Boolean optionalBoolean(JsonNode body, String field, InvalidFormBody.Builder errors) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        return Validation.optionalBoolean(body, field, false, errors);
    }

    /** Discord's boolean query strings: true/1/yes/y/on are true, anything else false. */
    static boolean booleanQuery(String raw) {
        return raw != null && Set.of("true", "1", "yes", "y", "on").contains(raw.toLowerCase(Locale.ROOT));
    }

    static long snowflakeQuery(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
            return 0;
        }
    }

    /** limit 1-100; absent → fallback. */
    static int limitQuery(String raw, int fallback, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < 1 || v > 100) {
                errors.add("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add("limit", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
            return fallback;
        }
    }

    static Instant timestampQuery(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name, "DATE_TYPE_PARSE", "Could not parse " + raw + ". Should be ISO8601.");
            return null;
        }
    }
}

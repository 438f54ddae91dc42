package dev.guildhall.automod.rules;

/**
 * One Discord-style form error: a dotted field path ({@code trigger_metadata.keyword_filter.3}), a code such as
 * {@code BASE_TYPE_MAX_LENGTH} and its message. core-server turns a list of these into 50035 Invalid Form Body.
 */
public record FieldError(String path, String code, String message) {
}

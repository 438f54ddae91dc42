package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * An error answered to the client as Discord's JSON error body {@code {"code","message","errors"?}}.
 * One subclass per Discord error code; {@link ErrorResponses} renders them all the same way.
 */
public abstract class ApiException extends RuntimeException {
    private final int httpStatus;
    private final int code;

    protected ApiException(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Discord's JSON error code (0 = general error). */
    public int code() {
        return code;
    }

    /** Nested {@code errors} object, or null when the error has none. */
    public ObjectNode errors() {
        return null;
    }

    /** Adds fields beyond code, message and errors to the body (e.g. a rate limit's retry_after); none by default. */
    public void addFields(ObjectNode body) {
    }

    /** Response headers of the error (e.g. Retry-After); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}

package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
}

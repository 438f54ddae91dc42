package dev.guildhall.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** core-server refused a call on the user's behalf (HTTP 4xx with a Discord error body). */
public class CoreRefusedException extends RuntimeException {

    private final int status;
    private final int code;
    private final transient JsonNode errors;

    public CoreRefusedException(int status, int code, String message) {
        this(status, code, message, null);
    }

    public CoreRefusedException(int status, int code, String message, JsonNode errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? JsonNodeFactory.instance.objectNode() : errors;
    }

    /** Discord's nested {@code errors} object of a 50035 Invalid Form Body (empty object when there was none). */
    public JsonNode errors() {
        return errors;
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** Discord error code (50013 Missing Permissions, 10007 Unknown Member, ...), 0 when the body had none. */
    public int code() {
        return code;
    }
}

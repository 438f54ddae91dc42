package dev.guildhall.simulator.api;

/**
 * A core-server call that did not succeed: the HTTP status (0 when no answer arrived) and, when the body was a
 * Discord error body, its {@code code} and {@code message}.
 */
public final class ApiCallException extends Exception {
    private final int status;
    private final int code;

    public ApiCallException(String call, int status, int code, String message) {
        super(call + " -> " + (status == 0 ? "no answer" : "HTTP " + status) + (code != 0 ? " code " + code : "")
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
        this.code = code;
    }

    public ApiCallException(String call, Throwable cause) {
        super(call + " -> no answer: " + cause, cause);
        this.status = 0;
        this.code = 0;
    }

    public int status() {
        return status;
    }

    /** Discord JSON error code, 0 when absent. */
    public int code() {
        return code;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500 && status != 429;
    }
}

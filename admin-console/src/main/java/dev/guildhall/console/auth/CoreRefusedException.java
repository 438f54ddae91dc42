package dev.guildhall.console.auth;

/** core-server refused a call on the user's behalf (HTTP 4xx with a Discord error body). */
public class CoreRefusedException extends RuntimeException {

    private final int status;
    private final int code;

    public CoreRefusedException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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

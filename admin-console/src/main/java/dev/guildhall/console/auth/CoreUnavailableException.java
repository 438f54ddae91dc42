package dev.guildhall.console.auth;

/** core-server could not be reached or answered something the console cannot use. */
public class CoreUnavailableException extends RuntimeException {
    public CoreUnavailableException(String message) {
        super(message);
    }

    public CoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

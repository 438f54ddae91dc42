package dev.guildhall.events;

/** An event that cannot be parsed or violates the contract; the message says why (it goes to the dead-letter topic). */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}

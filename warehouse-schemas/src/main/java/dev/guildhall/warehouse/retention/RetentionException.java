package dev.guildhall.warehouse.retention;

/** The retention run failed; the message says how far it got. */
public class RetentionException extends RuntimeException {
  public RetentionException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.guildhall.warehouse;

/** A migration run was refused or failed; the message says which migration and why. */
public class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.guildhall.warehouse.queries;

/** A console query failed against ClickHouse; the message names the query. */
public class WarehouseQueryException extends RuntimeException {
  public WarehouseQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}

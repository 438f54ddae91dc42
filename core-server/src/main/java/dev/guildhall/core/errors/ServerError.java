package dev.guildhall.core.errors;

/** 500: an unexpected failure (logged, never shown to the client). */
public final class ServerError extends ApiException {
    public ServerError() {
        super(500, 0, "500: Internal Server Error");
    }
}

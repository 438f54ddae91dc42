package dev.guildhall.core.errors;

/** 50109 The request body contains invalid JSON. */
public final class InvalidJson extends ApiException {
    public InvalidJson() {
        super(400, 50109, "The request body contains invalid JSON.");
    }
}

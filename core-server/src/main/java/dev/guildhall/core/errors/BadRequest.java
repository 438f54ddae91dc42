package dev.guildhall.core.errors;

/** 400: the HTTP request itself could not be decoded. */
public final class BadRequest extends ApiException {
    public BadRequest() {
        super(400, 0, "400: Bad Request");
    }
}

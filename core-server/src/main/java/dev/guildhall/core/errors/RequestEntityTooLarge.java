package dev.guildhall.core.errors;

/** 40005 Request entity too large. */
public final class RequestEntityTooLarge extends ApiException {
    public RequestEntityTooLarge() {
        super(413, 40005, "Request entity too large");
    }
}

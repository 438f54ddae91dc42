package dev.guildhall.core.errors;

/** 10003 Unknown channel. */
public final class UnknownChannel extends ApiException {
    public UnknownChannel() {
        super(404, 10003, "Unknown Channel");
    }
}

package dev.guildhall.core.errors;

/** 10008 Unknown message. */
public final class UnknownMessage extends ApiException {
    public UnknownMessage() {
        super(404, 10008, "Unknown Message");
    }
}

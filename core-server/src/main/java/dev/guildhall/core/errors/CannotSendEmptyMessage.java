package dev.guildhall.core.errors;

/** 50006 Cannot send an empty message. */
public final class CannotSendEmptyMessage extends ApiException {
    public CannotSendEmptyMessage() {
        super(400, 50006, "Cannot send an empty message");
    }
}

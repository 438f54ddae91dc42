package dev.guildhall.core.errors;

/** 10013 Unknown user. */
public final class UnknownUser extends ApiException {
    public UnknownUser() {
        super(404, 10013, "Unknown User");
    }
}

package dev.guildhall.core.errors;

/** 20012 Not authorized on this application. */
public final class NotApplicationOwner extends ApiException {
    public NotApplicationOwner() {
        super(403, 20012, "You are not authorized to perform this action on this application");
    }
}

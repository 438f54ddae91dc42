package dev.guildhall.core.errors;

/** 10011 Unknown role. */
public final class UnknownRole extends ApiException {
    public UnknownRole() {
        super(404, 10011, "Unknown Role");
    }
}

package dev.guildhall.core.errors;

/** 10007 Unknown member. */
public final class UnknownMember extends ApiException {
    public UnknownMember() {
        super(404, 10007, "Unknown Member");
    }
}

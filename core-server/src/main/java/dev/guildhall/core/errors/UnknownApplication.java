package dev.guildhall.core.errors;

/** 10002 Unknown application. */
public final class UnknownApplication extends ApiException {
    public UnknownApplication() {
        super(404, 10002, "Unknown Application");
    }
}

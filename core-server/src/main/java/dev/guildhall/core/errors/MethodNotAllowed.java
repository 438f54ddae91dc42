package dev.guildhall.core.errors;

/** 405: the route exists but not for this method. */
public final class MethodNotAllowed extends ApiException {
    public MethodNotAllowed() {
        super(405, 0, "405: Method Not Allowed");
    }
}

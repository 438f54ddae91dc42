package dev.guildhall.core.errors;

/** 10062 Unknown interaction. */
public final class UnknownInteraction extends ApiException {
    public UnknownInteraction() {
        super(404, 10062, "Unknown interaction");
    }
}

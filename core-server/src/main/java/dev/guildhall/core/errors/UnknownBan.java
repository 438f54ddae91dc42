package dev.guildhall.core.errors;

/** 10026 Unknown ban. */
public final class UnknownBan extends ApiException {
    public UnknownBan() {
        super(404, 10026, "Unknown Ban");
    }
}

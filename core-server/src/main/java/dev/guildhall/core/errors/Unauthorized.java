package dev.guildhall.core.errors;

/** 401: the Authorization header is missing or invalid. */
public final class Unauthorized extends ApiException {
    public Unauthorized() {
        super(401, 0, "401: Unauthorized");
    }
}

package dev.guildhall.core.errors;

/** 50001 Missing access: the caller cannot see the resource. */
public final class MissingAccess extends ApiException {
    public MissingAccess() {
        super(403, 50001, "Missing Access");
    }
}

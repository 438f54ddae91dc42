package dev.guildhall.core.errors;

/** 50028 Invalid role (e.g. deleting or moving @everyone). */
public final class InvalidRole extends ApiException {
    public InvalidRole() {
        super(400, 50028, "Invalid Role");
    }
}

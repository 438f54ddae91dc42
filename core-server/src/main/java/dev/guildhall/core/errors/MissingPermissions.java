package dev.guildhall.core.errors;

/** 50013 You lack permissions to perform that action. */
public final class MissingPermissions extends ApiException {
    public MissingPermissions() {
        super(403, 50013, "Missing Permissions");
    }
}

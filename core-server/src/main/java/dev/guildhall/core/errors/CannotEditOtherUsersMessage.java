package dev.guildhall.core.errors;

/** 50005 Cannot edit a message authored by another user. */
public final class CannotEditOtherUsersMessage extends ApiException {
    public CannotEditOtherUsersMessage() {
        super(403, 50005, "Cannot edit a message authored by another user");
    }
}

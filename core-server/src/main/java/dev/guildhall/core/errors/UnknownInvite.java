package dev.guildhall.core.errors;

/** 10006 Unknown invite. */
public final class UnknownInvite extends ApiException {
    public UnknownInvite() {
        super(404, 10006, "Unknown Invite");
    }
}

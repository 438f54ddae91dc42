package dev.guildhall.core.errors;

/** 40007 The user is banned from this guild. */
public final class UserBanned extends ApiException {
    public UserBanned() {
        super(403, 40007, "The user is banned from this guild.");
    }
}

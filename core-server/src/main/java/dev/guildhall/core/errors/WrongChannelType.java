package dev.guildhall.core.errors;

/** 50024 Cannot execute action on this channel type. */
public final class WrongChannelType extends ApiException {
    public WrongChannelType() {
        super(400, 50024, "Cannot execute action on this channel type");
    }
}

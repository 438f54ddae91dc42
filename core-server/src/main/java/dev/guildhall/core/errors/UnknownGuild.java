package dev.guildhall.core.errors;

/** 10004 Unknown guild. */
public final class UnknownGuild extends ApiException {
    public UnknownGuild() {
        super(404, 10004, "Unknown Guild");
    }
}

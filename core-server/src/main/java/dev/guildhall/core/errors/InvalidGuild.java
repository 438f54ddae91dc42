package dev.guildhall.core.errors;

/** 50055 Invalid guild (e.g. the owner leaving their own guild). */
public final class InvalidGuild extends ApiException {
    public InvalidGuild() {
        super(400, 50055, "Invalid Guild");
    }
}

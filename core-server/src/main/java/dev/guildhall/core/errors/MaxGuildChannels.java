package dev.guildhall.core.errors;

/** 30013 Maximum number of guild channels reached (500). */
public final class MaxGuildChannels extends ApiException {
    public MaxGuildChannels() {
        super(400, 30013, "Maximum number of guild channels reached (500)");
    }
}

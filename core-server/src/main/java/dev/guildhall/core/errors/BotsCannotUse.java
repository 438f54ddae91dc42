package dev.guildhall.core.errors;

/** 20001 Bots cannot use this endpoint. */
public final class BotsCannotUse extends ApiException {
    public BotsCannotUse() {
        super(403, 20001, "Bots cannot use this endpoint");
    }
}

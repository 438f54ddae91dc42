package dev.guildhall.core.errors;

/** 20002 Only bots can use this endpoint. */
public final class OnlyBotsCanUse extends ApiException {
    public OnlyBotsCanUse() {
        super(403, 20002, "Only bots can use this endpoint");
    }
}

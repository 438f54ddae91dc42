package dev.guildhall.core.errors;

/** 10063 Unknown application command. */
public final class UnknownCommand extends ApiException {
    public UnknownCommand() {
        super(404, 10063, "Unknown application command");
    }
}

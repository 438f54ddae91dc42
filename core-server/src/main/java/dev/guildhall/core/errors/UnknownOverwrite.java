package dev.guildhall.core.errors;

/** 10009 Unknown Overwrite. */
public final class UnknownOverwrite extends ApiException {
    public UnknownOverwrite() {
        super(404, 10009, "Unknown Overwrite");
    }
}

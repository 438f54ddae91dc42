package dev.guildhall.core.errors;

/** 10014 Unknown emoji. */
public final class UnknownEmoji extends ApiException {
    public UnknownEmoji() {
        super(400, 10014, "Unknown Emoji");
    }
}

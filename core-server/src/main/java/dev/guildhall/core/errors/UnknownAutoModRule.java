package dev.guildhall.core.errors;

/**
 * 404 for a rule id that is not a rule of the guild. Discord's error-code table lists no "Unknown Auto Moderation
 * Rule" code, so this is Discord's general not-found answer (code 0) with the resource named.
 */
public final class UnknownAutoModRule extends ApiException {
    public UnknownAutoModRule() {
        super(404, 0, "Unknown Auto Moderation Rule");
    }
}

package dev.guildhall.core.errors;

/** 40060 Interaction has already been acknowledged. */
public final class InteractionAlreadyAcknowledged extends ApiException {
    public InteractionAlreadyAcknowledged() {
        super(400, 40060, "Interaction has already been acknowledged");
    }
}

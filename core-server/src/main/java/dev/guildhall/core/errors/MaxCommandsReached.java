package dev.guildhall.core.errors;

/** 30032 Maximum number of application commands reached. */
public final class MaxCommandsReached extends ApiException {
    public MaxCommandsReached() {
        super(400, 30032, "Maximum number of application commands reached");
    }
}

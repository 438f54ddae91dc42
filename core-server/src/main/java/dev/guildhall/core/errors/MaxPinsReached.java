package dev.guildhall.core.errors;

/** 30003 Maximum number of pins reached (50). */
public final class MaxPinsReached extends ApiException {
    public MaxPinsReached() {
        super(400, 30003, "Maximum number of pins reached (50)");
    }
}

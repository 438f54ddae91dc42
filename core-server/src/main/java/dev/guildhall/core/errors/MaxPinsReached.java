package dev.guildhall.core.errors;

/** 30003 Maximum number of pins reached (250): Discord's pin limit per channel since the paginated pins API. */
public final class MaxPinsReached extends ApiException {
    public MaxPinsReached() {
        super(400, 30003, "Maximum number of pins reached (250)");
    }
}

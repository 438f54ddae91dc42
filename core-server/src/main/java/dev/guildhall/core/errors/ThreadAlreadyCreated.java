package dev.guildhall.core.errors;

/** 160004 A thread has already been created for this message. */
public final class ThreadAlreadyCreated extends ApiException {
    public ThreadAlreadyCreated() {
        super(400, 160004, "A thread has already been created for this message");
    }
}

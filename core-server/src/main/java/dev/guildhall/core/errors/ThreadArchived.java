package dev.guildhall.core.errors;

/** 50083 Tried to perform an operation on an archived thread. */
public final class ThreadArchived extends ApiException {
    public ThreadArchived() {
        super(400, 50083, "Tried to perform an operation on an archived thread, such as editing a message or adding a user to the thread");
    }
}

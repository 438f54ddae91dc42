package dev.guildhall.core.errors;

/** 160005 Thread is locked. */
public final class ThreadLocked extends ApiException {
    public ThreadLocked() {
        super(403, 160005, "Thread is locked");
    }
}

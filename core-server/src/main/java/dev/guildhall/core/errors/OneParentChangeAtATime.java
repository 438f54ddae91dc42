package dev.guildhall.core.errors;

/** 40009 Only one channel can have a parent_id modified at a time. */
public final class OneParentChangeAtATime extends ApiException {
    public OneParentChangeAtATime() {
        super(400, 40009, "Only one channel can have a parent_id modified at a time");
    }
}

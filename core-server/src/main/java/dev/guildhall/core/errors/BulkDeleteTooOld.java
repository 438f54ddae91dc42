package dev.guildhall.core.errors;

/** 50034 You can only bulk delete messages that are under 14 days old. */
public final class BulkDeleteTooOld extends ApiException {
    public BulkDeleteTooOld() {
        super(400, 50034, "You can only bulk delete messages that are under 14 days old.");
    }
}

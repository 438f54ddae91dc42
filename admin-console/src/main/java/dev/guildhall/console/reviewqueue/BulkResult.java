package dev.guildhall.console.reviewqueue;

/** The outcome of one item of a bulk action: the resolved item, or core-server's refusal. */
public record BulkResult(long id, QueueItem item, String error) {
    public boolean ok() {
        return item != null;
    }
}

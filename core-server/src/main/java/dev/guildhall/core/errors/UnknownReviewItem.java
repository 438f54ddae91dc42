package dev.guildhall.core.errors;

/**
 * 404 for an id that is not a review-queue item of the guild. The review queue is a Guildhall extension with no
 * Discord error code, so this is Discord's general not-found answer (code 0) with the resource named, like
 * {@link UnknownAutoModRule}.
 */
public final class UnknownReviewItem extends ApiException {
    public UnknownReviewItem() {
        super(404, 0, "Unknown Review Queue Item");
    }
}

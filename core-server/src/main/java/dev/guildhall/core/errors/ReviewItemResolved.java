package dev.guildhall.core.errors;

/** 409 (code 0: a Guildhall extension) for claiming or resolving a review-queue item that is already resolved. */
public final class ReviewItemResolved extends ApiException {
    public ReviewItemResolved() {
        super(409, 0, "Review queue item is already resolved");
    }
}

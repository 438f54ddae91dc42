package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.guildhall.core.json.Json;

import java.time.Instant;

/**
 * 409 (code 0: a Guildhall extension) when another moderator's unexpired claim holds a review-queue item; the body
 * names who holds it and until when ({@code claimed_by}, {@code claim_expires_at}), so a client can say so.
 */
public final class ReviewItemClaimed extends ApiException {
    private final long claimedBy;
    private final Instant expiresAt;

    public ReviewItemClaimed(long claimedBy, Instant expiresAt) {
        super(409, 0, "Review queue item is claimed by another moderator");
        this.claimedBy = claimedBy;
        this.expiresAt = expiresAt;
    }

    @Override
    public void addFields(ObjectNode body) {
        body.put("claimed_by", Json.id(claimedBy));
        body.put("claim_expires_at", Json.timestamp(expiresAt));
    }
}

package dev.guildhall.core.reviewqueue;

import dev.guildhall.core.auth.User;

import java.time.Instant;

/**
 * One review-queue item as stored, with what it needs for display: its author, the text under review (the stored
 * message's current content, a blocked message's kept content, or the text decided on once the message is gone)
 * and the highest model score of a non-safe label.
 *
 * @param messageExists whether the flagged message is still stored (always false for a blocked one)
 * @param scores        the model's scores as a JSON object text, or null
 * @param claimedBy     the moderator holding the claim (0 = none), valid until {@code claimExpiresAt}
 * @param resolution    null while pending, else the {@link ReviewAction} wire name
 */
record ReviewItem(long id, long guildId, long channelId, long messageId, User author, long ruleId, String ruleName,
                  int triggerType, boolean blocked, String matchedKeyword, String matchedContent, String reason,
                  String text, boolean messageExists, String scores, Double score, boolean modelPending,
                  String status, Instant createdAt, long claimedBy, Instant claimExpiresAt, String resolution,
                  long resolvedBy, Instant resolvedAt, String resolutionReason, Instant timeoutUntil) {
    static final String PENDING = "pending";
    static final String RESOLVED = "resolved";

    boolean pending() {
        return PENDING.equals(status);
    }

    /** Whether someone other than {@code userId} holds an unexpired claim at {@code now}. */
    boolean claimedByOther(long userId, Instant now) {
        return claimedBy != 0 && claimedBy != userId && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }

    /** Whether an unexpired claim holds the item at {@code now}. */
    boolean claimed(Instant now) {
        return claimedBy != 0 && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }
}

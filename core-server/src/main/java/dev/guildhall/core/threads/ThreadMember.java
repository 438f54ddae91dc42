package dev.guildhall.core.threads;

import java.time.Instant;

/** A user's membership of a thread. */
public record ThreadMember(long threadId, long userId, Instant joinTimestamp, int flags) {
}

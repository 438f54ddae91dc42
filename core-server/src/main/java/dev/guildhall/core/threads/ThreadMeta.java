package dev.guildhall.core.threads;

import java.time.Instant;

/**
 * Discord's thread metadata plus the counters kept with it.
 *
 * @param lastActivity last message, unarchive or auto_archive_duration change (the auto-archive clock)
 * @param memberCount  thread members (counted, not stored)
 */
public record ThreadMeta(long ownerId, boolean archived, Instant archiveTimestamp, int autoArchiveDuration,
                         boolean locked, boolean invitable, Instant createTimestamp, Instant lastActivity,
                         int messageCount, int totalMessageSent, int memberCount) {
}

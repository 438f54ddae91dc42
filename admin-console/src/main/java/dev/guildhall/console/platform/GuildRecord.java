package dev.guildhall.console.platform;

import java.time.Instant;

/** A guild as platform admins see it (core-server's {@code GET /admin/guilds}). */
public record GuildRecord(long id, String name, long ownerId, String ownerName, Instant createdAt, long memberCount,
                          long channelCount) {
}

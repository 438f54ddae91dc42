package dev.guildhall.core.guilds;

import java.time.Instant;

public record Guild(long id, String name, long ownerId, Long systemChannelId, Instant createdAt) {
}

package dev.guildhall.core.guilds;

import java.time.Instant;

public record Guild(long id, String name, long ownerId, Long systemChannelId, Instant createdAt,
                    GuildSettings settings) {
    /** A guild with Discord's default settings. */
    public Guild(long id, String name, long ownerId, Long systemChannelId, Instant createdAt) {
        this(id, name, ownerId, systemChannelId, createdAt, GuildSettings.DEFAULTS);
    }
}

package dev.guildhall.core.invites;

import java.time.Instant;

/** An invite; {@code maxAge} 0 = never expires, {@code maxUses} 0 = unlimited. */
public record Invite(String code, long guildId, long channelId, long inviterId, int maxAge, int maxUses, int uses,
                     boolean temporary, Instant createdAt, Instant expiresAt) {
    public boolean isUsable(Instant now) {
        return (expiresAt == null || now.isBefore(expiresAt)) && (maxUses == 0 || uses < maxUses);
    }
}

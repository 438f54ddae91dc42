package dev.guildhall.console.platform;

import java.time.Instant;
import java.util.List;

/**
 * A user as platform admins see it (core-server's {@code GET /admin/users}).
 *
 * @param activeTokens the user's valid tokens; 0 means signed out everywhere (every token revoked)
 */
public record UserRecord(long id, String username, boolean bot, Instant createdAt, long guildsOwned,
                         long guildsJoined, long activeTokens, List<String> staffRoles) {
}

package dev.guildhall.console.platform;

import java.time.Instant;

/**
 * A held staff role (core-server's {@code GET /admin/staff}).
 *
 * @param grantedBy the platform admin who granted it, or null when core-server's configuration did
 */
public record StaffGrant(long userId, String username, String role, String grantedBy, Instant grantedAt,
                         String reason) {
}

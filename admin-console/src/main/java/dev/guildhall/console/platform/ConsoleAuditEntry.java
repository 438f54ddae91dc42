package dev.guildhall.console.platform;

import java.time.Instant;

/**
 * One entry of core-server's console audit log ({@code GET /admin/audit-log}).
 *
 * @param actor      the acting user's name, or null for core-server's configuration
 * @param action     {@code staff_role.grant}, {@code staff_role.revoke} or the route of a console request
 * @param target     e.g. {@code user 123}, or null
 * @param detail     the staff role of a staff change, or null
 * @param status     the HTTP status core-server answered
 */
public record ConsoleAuditEntry(long id, Instant at, String actor, String action, String path, Long guildId,
                                String target, String detail, int status, String reason, boolean viaConsole) {
}

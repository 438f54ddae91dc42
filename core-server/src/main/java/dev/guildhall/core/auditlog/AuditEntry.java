package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One audit log entry.
 *
 * @param userId     who acted
 * @param actionType an {@link AuditLogEvent} value
 * @param targetId   the affected entity (user, role, guild ...), 0 when none
 * @param changes    Discord's change objects, or null
 * @param options    Discord's optional entry info, or null
 * @param reason     the {@code X-Audit-Log-Reason}, or null
 */
public record AuditEntry(long id, long guildId, long userId, int actionType, long targetId, ArrayNode changes,
                         ObjectNode options, String reason) {
}

package dev.guildhall.console.moderation;

import java.time.Instant;

/**
 * One row of a guild's audit log as the console shows it.
 *
 * @param id         entry snowflake
 * @param at         when it happened (from the snowflake)
 * @param actionType Discord's {@code action_type}
 * @param actor      who did it (username, or the id when core-server did not list the user)
 * @param target     whom or what it was done to (username for user targets, else the id; empty when none)
 * @param reason     the audit log reason, empty when none
 * @param changes    {@code key: old → new} per change, joined
 */
public record AuditLogEntry(long id, Instant at, int actionType, String actor, String target, String reason,
                            String changes) {

    public String action() {
        return AuditAction.labelOf(actionType);
    }
}

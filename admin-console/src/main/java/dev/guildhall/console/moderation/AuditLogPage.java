package dev.guildhall.console.moderation;

import java.util.List;

/** One page of a guild's audit log, newest first; {@code mayHaveOlder} when the page was full. */
public record AuditLogPage(List<AuditLogEntry> entries, boolean mayHaveOlder) {

    /** Id of the oldest entry on the page, for the next {@code before}. */
    public long oldestId() {
        return entries.get(entries.size() - 1).id();
    }
}

package dev.guildhall.console.platform;

import java.util.List;

/** A page of the console audit log, newest first; {@code nextBefore} is the cursor of the next (older) page. */
public record ConsoleAuditPage(List<ConsoleAuditEntry> entries, Long nextBefore) {
}

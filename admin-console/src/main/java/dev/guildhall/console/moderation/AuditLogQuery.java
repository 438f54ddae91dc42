package dev.guildhall.console.moderation;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters and paging of an audit log read: Discord's {@code action_type}, {@code user_id} (who acted),
 * {@code before} (entry id; older entries only) and {@code limit}.
 */
public record AuditLogQuery(Integer actionType, Long userId, Long before, int limit) {

    public static final int PAGE_SIZE = 50;

    public static AuditLogQuery newest() {
        return new AuditLogQuery(null, null, null, PAGE_SIZE);
    }

    public AuditLogQuery withFilters(Integer actionType, Long userId) {
        return new AuditLogQuery(actionType, userId, null, limit);
    }

    public AuditLogQuery olderThan(long entryId) {
        return new AuditLogQuery(actionType, userId, entryId, limit);
    }

    /** The query string for core-server (no leading {@code ?}). */
    public String toQueryString() {
        List<String> parts = new ArrayList<>();
        if (actionType != null) {
            parts.add("action_type=" + actionType);
        }
        if (userId != null) {
            parts.add("user_id=" + userId);
        }
        if (before != null) {
            parts.add("before=" + before);
        }
        parts.add("limit=" + limit);
        return String.join("&", parts);
    }
}

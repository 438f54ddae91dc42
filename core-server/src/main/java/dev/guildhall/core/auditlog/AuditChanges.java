package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

import java.util.Objects;

/**
 * Discord's audit log change objects {@code {key, old_value?, new_value?}}: a missing {@code old_value} means the
 * property was null before, a missing {@code new_value} that it was reset to null.
 */
public final class AuditChanges {
    private final ArrayNode changes = Json.array();

    /** Adds a change when the value differs (values: String, Number, Boolean, JsonNode or null). */
    public AuditChanges change(String key, Object oldValue, Object newValue) {
        JsonNode before = node(oldValue);
        JsonNode after = node(newValue);
        if (Objects.equals(before, after)) {
            return this;
        }
        ObjectNode o = changes.addObject();
        o.put("key", key);
        if (before != null) {
            o.set("old_value", before);
        }
        if (after != null) {
            o.set("new_value", after);
        }
        return this;
    }

    /** A change listing only the new value (creations), skipped when null. */
    public AuditChanges created(String key, Object value) {
        return change(key, null, value);
    }

    /** A change listing only the old value (deletions), skipped when null. */
    public AuditChanges deleted(String key, Object value) {
        return change(key, value, null);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public ArrayNode json() {
        return changes;
    }

    private static JsonNode node(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNode n) {
            return n.isNull() ? null : n;
        }
        return Json.mapper().valueToTree(v);
    }
}

package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 50035 Invalid Form Body, with Discord's nested {@code errors} object:
 * {@code {"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"..."}]}}}.
 * Build it with {@link #builder()}; paths are field names, or dotted for nested fields ({@code "a.0.b"}).
 */
public final class InvalidFormBody extends ApiException {
    private final ObjectNode errors;

    private InvalidFormBody(ObjectNode errors) {
        super(400, 50035, "Invalid Form Body");
        this.errors = errors;
    }

    @Override
    public ObjectNode errors() {
        return errors;
    }

    /** A single error on one field. */
    public static InvalidFormBody of(String path, String code, String message) {
        return builder().add(path, code, message).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ObjectNode root = JsonNodeFactory.instance.objectNode();
        private boolean empty = true;

        /** Adds an error at a field path; an empty path puts it on the body itself. */
        public Builder add(String path, String code, String message) {
            ObjectNode node = root;
            if (path != null && !path.isEmpty()) {
                for (String part : path.split("\\.")) {
                    ObjectNode next = node.has(part) && node.get(part).isObject() ? (ObjectNode) node.get(part) : null;
                    if (next == null) {
                        next = node.putObject(part);
                    }
                    node = next;
                }
            }
            ArrayNode list = node.has("_errors") ? (ArrayNode) node.get("_errors") : node.putArray("_errors");
            list.addObject().put("code", code).put("message", message);
            empty = false;
            return this;
        }

        public boolean isEmpty() {
            return empty;
        }

        public InvalidFormBody build() {
            return new InvalidFormBody(root);
        }

        /** Throws the collected errors, if any. */
        public void throwIfAny() {
            if (!empty) {
                throw build();
            }
        }
    }
}

package dev.guildhall.core.errors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one place an {@link ApiException} becomes Discord's JSON error body. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static ObjectNode body(ApiException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("message", e.getMessage());
        body.put("code", e.code());
        if (e.errors() != null) {
            body.set("errors", e.errors());
        }
        e.addFields(body);
        return body;
    }
}

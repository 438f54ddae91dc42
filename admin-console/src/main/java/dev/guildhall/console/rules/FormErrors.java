package dev.guildhall.console.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's nested 50035 {@code errors} object flattened to dotted field paths, e.g.
 * {@code {"trigger_metadata":{"keyword_filter":{"3":{"_errors":[{...}]}}}}} becomes
 * {@code trigger_metadata.keyword_filter.3 → [message]} ({@code ""} for errors on the body itself).
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, List<String>> flatten(JsonNode errors) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (errors != null && errors.isObject()) {
            walk(errors, "", out);
        }
        return out;
    }

    private static void walk(JsonNode node, String path, Map<String, List<String>> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("_errors")) {
                List<String> messages = out.computeIfAbsent(path, k -> new ArrayList<>());
                for (JsonNode error : field.getValue()) {
                    String message = error.path("message").asText("");
                    messages.add(message.isEmpty() ? error.path("code").asText("invalid") : message);
                }
            } else if (field.getValue().isObject()) {
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
            }
        }
    }
}

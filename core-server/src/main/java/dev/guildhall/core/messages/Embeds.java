package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;

/**
 * Rich embeds as Discord limits them: up to 10 per message; title 256, description 4096, up to 25 fields (name 256,
 * value 1024), footer text 2048, author name 256 characters, and 6000 characters across all of them. Known fields are
 * kept; {@code type} is {@code rich}.
 */
final class Embeds {
    private static final String[] KEPT = {"title", "description", "url", "timestamp", "color", "footer", "image",
            "thumbnail", "author", "fields"};

    private Embeds() {
    }

    static ArrayNode parse(JsonNode embeds, String path, InvalidFormBody.Builder errors) {
        ArrayNode out = Json.array();
        if (!embeds.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        if (embeds.size() > 10) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
            return out;
        }
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            JsonNode e = embeds.get(i);
            String p = path + "." + i;
            if (!e.isObject()) {
                errors.add(p, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            total += text(e.get("title"), p + ".title", 256, errors);
            total += text(e.get("description"), p + ".description", 4096, errors);
            total += text(e.path("footer").get("text"), p + ".footer.text", 2048, errors);
            total += text(e.path("author").get("name"), p + ".author.name", 256, errors);
            JsonNode fields = e.get("fields");
            if (fields != null && fields.isArray()) {
                if (fields.size() > 25) {
                    errors.add(p + ".fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
                }
                for (int f = 0; f < fields.size(); f++) {
                    total += text(fields.get(f).get("name"), p + ".fields." + f + ".name", 256, errors);
                    total += text(fields.get(f).get("value"), p + ".fields." + f + ".value", 1024, errors);
                }
            }
            ObjectNode kept = out.addObject();
            kept.put("type", "rich");
            for (String k : KEPT) {
                if (e.hasNonNull(k)) {
                    kept.set(k, e.get(k));
                }
            }
        }
        if (total > 6000) {
            errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }
        return out;
    }

    private static int text(JsonNode v, String path, int max, InvalidFormBody.Builder errors) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isTextual()) {
            errors.add(path, "BASE_TYPE_STRING", "Must be a string.");
            return 0;
        }
        int len = v.textValue().codePointCount(0, v.textValue().length());
        if (len > max) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
        }
        return len;
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.http.UploadedFile;
import dev.guildhall.core.json.Json;
import dev.guildhall.events.Snowflakes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's attachment objects from a multipart request: each {@code files[n]} part becomes an attachment (its
 * file name, Content-Type and size), named and described by the {@code attachments} entry whose {@code id} is
 * {@code n}. On an edit, entries whose {@code id} is an existing attachment's keep it; the others are removed.
 * Only the metadata is kept: the bytes are not stored, so {@code url} names the file but serves nothing.
 */
final class Attachments {
    static final int MAX = 10;
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_FILENAME = 1024;

    private Attachments() {
    }

    /** Whether the body says anything about attachments (on an edit: the list is replaced). */
    static boolean given(JsonNode body, List<UploadedFile> files) {
        return !files.isEmpty() || (body.has("attachments") && !body.get("attachments").isNull());
    }

    /**
     * @param existing the message's current attachments (an edit), or an empty array
     */
    static ArrayNode parse(JsonNode body, List<UploadedFile> files, ArrayNode existing, long channelId,
                           Snowflakes ids, InvalidFormBody.Builder errors) {
        Map<String, JsonNode> meta = new HashMap<>();
        JsonNode list = body.get("attachments");
        ArrayNode out = Json.array();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                errors.add("attachments", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode a = list.get(i);
                if (!a.isObject() || a.get("id") == null) {
                    errors.add("attachments." + i + ".id", "BASE_TYPE_REQUIRED", "This field is required");
                    continue;
                }
                text(a, "filename", "attachments." + i + ".filename", MAX_FILENAME, errors);
                text(a, "description", "attachments." + i + ".description", MAX_DESCRIPTION, errors);
                meta.put(a.get("id").asText(), a);
            }
        }
        for (JsonNode kept : existing) {
            if (meta.containsKey(kept.path("id").asText())) {
                out.add(kept.deepCopy());
            }
        }
        for (UploadedFile f : files) {
            JsonNode m = meta.getOrDefault(Integer.toString(f.index()), Json.object());
            String id = Json.id(ids.next());
            String filename = m.hasNonNull("filename") ? m.get("filename").asText() : f.filename();
            ObjectNode a = out.addObject();
            a.put("id", id);
            a.put("filename", filename);
            if (m.hasNonNull("description")) {
                a.put("description", m.get("description").asText());
            }
            if (f.contentType() != null) {
                a.put("content_type", f.contentType());
            }
            a.put("size", f.size());
            String url = "/attachments/" + Json.id(channelId) + "/" + id + "/"
                    + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
            a.put("url", url);
            a.put("proxy_url", url);
        }
        if (out.size() > MAX) {
            errors.add("attachments", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX + " or fewer in length.");
        }
        return out;
    }

    private static void text(JsonNode a, String field, String path, int max, InvalidFormBody.Builder errors) {
        JsonNode v = a.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isTextual()) {
            errors.add(path, "BASE_TYPE_STRING", "Must be a string.");
        } else if (v.textValue().codePointCount(0, v.textValue().length()) > max) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
        }
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.RequestEntityTooLarge;
import dev.guildhall.core.http.AuthHandler;
import dev.guildhall.core.http.UploadedFile;
import dev.guildhall.core.json.Json;
import dev.guildhall.events.Snowflakes;

import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message's attachment objects from a multipart request: each {@code files[n]} part becomes an attachment (its
 * file name, Content-Type and size), named and described by the {@code attachments} entry whose {@code id} is
 * {@code n}. On an edit, entries whose {@code id} is an existing attachment's keep it; the others are removed.
 * The bytes of the new files are stored by {@link AttachmentStore} and served at {@code url}.
 */
final class Attachments {
    static final int MAX = 10;
    /** Discord's default upload limit per file (reference.md "Uploading Files"). */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    /** Limit on the new files of one message together. */
    static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_FILENAME = 1024;

    private Attachments() {
    }

    /** Whether the body says anything about attachments (on an edit: the list is replaced). */
    static boolean given(JsonNode body, List<UploadedFile> files) {
        return !files.isEmpty() || (body.has("attachments") && !body.get("attachments").isNull());
    }

    /**
     * The parsed list.
     *
     * @param attachments the message's attachment objects
     * @param added       the new files by attachment id (with the attachment's file name and type), to store
     */
    record Parsed(ArrayNode attachments, Map<Long, UploadedFile> added) {
        static Parsed none() {
            return new Parsed(Json.array(), Map.of());
        }
    }

    /**
     * A file over {@link #MAX_FILE_BYTES} or new files over {@link #MAX_MESSAGE_BYTES} together are 40005.
     *
     * @param existing the message's current attachments (an edit), or an empty array
     */
    static Parsed parse(JsonNode body, List<UploadedFile> files, ArrayNode existing, long channelId,
                        Snowflakes ids, InvalidFormBody.Builder errors) {
        long total = 0;
        for (UploadedFile f : files) {
            total += f.size();
            if (f.size() > MAX_FILE_BYTES || total > MAX_MESSAGE_BYTES) {
                throw new RequestEntityTooLarge();
            }
        }
        Map<Long, UploadedFile> added = new LinkedHashMap<>();
        Map<String, JsonNode> meta = new HashMap<>();
        JsonNode list = body.get("attachments");
        ArrayNode out = Json.array();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                errors.add("attachments", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                return new Parsed(out, added);
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
            long attachmentId = ids.next();
            String id = Json.id(attachmentId);
            String filename = m.hasNonNull("filename") ? m.get("filename").asText() : f.filename();
            String contentType = contentType(f.contentType(), filename);
            added.put(attachmentId, new UploadedFile(f.index(), filename, contentType, f.data()));
            ObjectNode a = out.addObject();
            a.put("id", id);
            a.put("filename", filename);
            if (m.hasNonNull("description")) {
                a.put("description", m.get("description").asText());
            }
            if (contentType != null) {
                a.put("content_type", contentType);
            }
            a.put("size", f.size());
            String url = AuthHandler.API_PREFIX + "/attachments/" + Json.id(channelId) + "/" + id + "/"
                    + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
            a.put("url", url);
            a.put("proxy_url", url);
        }
        if (out.size() > MAX) {
            errors.add("attachments", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX + " or fewer in length.");
        }
        return new Parsed(out, added);
    }

    /**
     * The part's media type; a generic or missing one (JDA and discord.js send {@code application/octet-stream}
     * for every file) is inferred from the file name's extension, as Discord reports e.g. {@code image/png}.
     */
    static String contentType(String declared, String filename) {
        String base = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.isEmpty() && !base.equals("application/octet-stream")) {
            return declared;
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(filename);
        return guessed != null ? guessed : base.isEmpty() ? null : base;
    }

    /** The ids of a list's attachments. */
    static List<Long> ids(ArrayNode attachments) {
        List<Long> out = new ArrayList<>();
        attachments.forEach(a -> out.add(Long.parseLong(a.path("id").asText())));
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

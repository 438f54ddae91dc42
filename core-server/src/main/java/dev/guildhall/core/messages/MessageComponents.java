package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;

import java.util.HashSet;
import java.util.Set;

/**
 * Message components an application may attach: up to 5 action rows (type 1) of up to 5 buttons (type 2). Buttons
 * have a style 1–5 (5 = link with {@code url}, the others with a {@code custom_id} of 1–100 characters), a label of
 * up to 80 characters, optional {@code emoji} and {@code disabled}; custom ids are unique within the message.
 */
public final class MessageComponents {
    static final int ACTION_ROW = 1;
    static final int BUTTON = 2;
    static final int LINK = 5;

    private MessageComponents() {
    }

    public static ArrayNode parse(JsonNode rows, String path, InvalidFormBody.Builder errors) {
        ArrayNode out = Json.array();
        if (!rows.isArray()) {
            errors.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            return out;
        }
        if (rows.size() > 5) {
            errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
            return out;
        }
        Set<String> customIds = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String rp = path + "." + r;
            if (row.path("type").asInt(-1) != ACTION_ROW) {
                errors.add(rp + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
                continue;
            }
            JsonNode buttons = row.get("components");
            if (buttons == null || !buttons.isArray() || buttons.isEmpty() || buttons.size() > 5) {
                errors.add(rp + ".components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
                continue;
            }
            ObjectNode rowOut = out.addObject();
            rowOut.put("type", ACTION_ROW);
            ArrayNode buttonsOut = rowOut.putArray("components");
            for (int b = 0; b < buttons.size(); b++) {
                ObjectNode button = button(buttons.get(b), rp + ".components." + b, customIds, errors);
                if (button != null) {
                    buttonsOut.add(button);
                }
            }
        }
        return out;
    }

    private static ObjectNode button(JsonNode b, String p, Set<String> customIds, InvalidFormBody.Builder errors) {
        if (b.path("type").asInt(-1) != BUTTON) {
            errors.add(p + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (2,).");
            return null;
        }
        ObjectNode out = Json.object();
        out.put("type", BUTTON);
        int style = b.path("style").asInt(-1);
        if (style < 1 || style > LINK) {
            errors.add(p + ".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5}.");
        }
        out.put("style", style);
        JsonNode label = b.get("label");
        if (label != null && !label.isNull()) {
            if (!label.isTextual() || label.textValue().codePointCount(0, label.textValue().length()) > 80) {
                errors.add(p + ".label", "BASE_TYPE_MAX_LENGTH", "Must be 80 or fewer in length.");
            } else {
                out.put("label", label.textValue());
            }
        }
        if (b.hasNonNull("emoji") && b.get("emoji").isObject()) {
            out.set("emoji", b.get("emoji"));
        }
        if (style == LINK) {
            JsonNode url = b.get("url");
            if (url == null || !url.isTextual() || !url.textValue().matches("(?i)(https?|discord)://.{1,505}")) {
                errors.add(p + ".url", "BASE_TYPE_REQUIRED", "A link button needs a valid url.");
            } else {
                out.put("url", url.textValue());
            }
        } else {
            JsonNode id = b.get("custom_id");
            if (id == null || !id.isTextual() || id.textValue().isEmpty()
                    || id.textValue().codePointCount(0, id.textValue().length()) > 100) {
                errors.add(p + ".custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            } else if (!customIds.add(id.textValue())) {
                errors.add(p + ".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated");
            } else {
                out.put("custom_id", id.textValue());
            }
        }
        out.put("disabled", b.path("disabled").asBoolean(false));
        if (b.path("id").isIntegralNumber()) {
            out.put("id", b.get("id").asInt());
        }
        return out;
    }

    /** Whether the stored components hold an enabled component of that type with that custom id. */
    public static boolean contains(JsonNode rows, int componentType, String customId) {
        if (rows == null || !rows.isArray()) {
            return false;
        }
        for (JsonNode row : rows) {
            for (JsonNode c : row.path("components")) {
                if (c.path("type").asInt() == componentType && customId.equals(c.path("custom_id").asText(null))
                        && !c.path("disabled").asBoolean(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}

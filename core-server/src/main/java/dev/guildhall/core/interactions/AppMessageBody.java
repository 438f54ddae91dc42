package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.MessageService;

/**
 * The message fields an application sends in an interaction response, follow-up or edit: {@code content},
 * {@code components}, {@code flags} (only EPHEMERAL is kept) and {@code tts}. Null fields were not sent (an edit
 * keeps them). Embeds, attachments and allowed_mentions are accepted and not stored.
 */
record AppMessageBody(String content, ArrayNode components, int flags, boolean tts) {

    static AppMessageBody parse(JsonNode data, String prefix, InvalidFormBody.Builder errors) {
        if (data == null || data.isNull()) {
            return new AppMessageBody(null, null, 0, false);
        }
        if (!data.isObject()) {
            errors.add(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "MODEL_TYPE_CONVERT",
                    "Only dictionaries may be used in a ModelType");
            return new AppMessageBody(null, null, 0, false);
        }
        String content = null;
        JsonNode c = data.get("content");
        if (c != null && !c.isNull()) {
            if (!c.isTextual()) {
                errors.add(prefix + "content", "BASE_TYPE_STRING", "Must be a string.");
            } else if (c.textValue().codePointCount(0, c.textValue().length()) > MessageService.MAX_CONTENT) {
                errors.add(prefix + "content", "BASE_TYPE_MAX_LENGTH",
                        "Must be " + MessageService.MAX_CONTENT + " or fewer in length.");
            } else {
                content = c.textValue();
            }
        }
        ArrayNode components = null;
        JsonNode comp = data.get("components");
        if (comp != null && !comp.isNull()) {
            components = MessageComponents.parse(comp, prefix + "components", errors);
        }
        int flags = 0;
        JsonNode f = data.get("flags");
        if (f != null && !f.isNull()) {
            if (!f.isIntegralNumber()) {
                errors.add(prefix + "flags", "NUMBER_TYPE_COERCE", "Value \"" + f.asText() + "\" is not int.");
            } else {
                flags = f.asInt() & MessageExtras.EPHEMERAL;
            }
        }
        boolean tts = data.path("tts").asBoolean(false);
        return new AppMessageBody(content, components, flags, tts);
    }

    boolean ephemeral() {
        return (flags & MessageExtras.EPHEMERAL) != 0;
    }

    boolean isEmpty() {
        return (content == null || content.isBlank()) && (components == null || components.isEmpty());
    }
}

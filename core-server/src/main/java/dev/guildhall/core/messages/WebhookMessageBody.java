package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.errors.InvalidFormBody;

/**
 * The message fields sent through a webhook (an interaction response, follow-up or edit, or an execute):
 * {@code content}, {@code embeds}, {@code components}, {@code flags} (only EPHEMERAL is kept) and {@code tts}. Null
 * fields were not sent (an edit keeps them). Attachments and allowed_mentions are accepted and not stored.
 */
public record WebhookMessageBody(String content, ArrayNode embeds, ArrayNode components, int flags, boolean tts) {
    private static final WebhookMessageBody NOTHING = new WebhookMessageBody(null, null, null, 0, false);

    public static WebhookMessageBody parse(JsonNode data, String prefix, InvalidFormBody.Builder errors) {
        if (data == null || data.isNull()) {
            return NOTHING;
        }
        if (!data.isObject()) {
            errors.add(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "MODEL_TYPE_CONVERT",
                    "Only dictionaries may be used in a ModelType");
            return NOTHING;
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
        ArrayNode embeds = null;
        JsonNode e = data.get("embeds");
        if (e != null && !e.isNull()) {
            embeds = Embeds.parse(e, prefix + "embeds", errors);
        }
        boolean tts = data.path("tts").asBoolean(false);
        return new WebhookMessageBody(content, embeds, components, flags, tts);
    }

    public boolean ephemeral() {
        return (flags & MessageExtras.EPHEMERAL) != 0;
    }

    /** Nothing to show: no content, embeds or components (50006 for a new message). */
    public boolean isEmpty() {
        return (content == null || content.isBlank()) && (components == null || components.isEmpty())
                && (embeds == null || embeds.isEmpty());
    }

    /** A body with only flags (a deferred response's loading message). */
    public static WebhookMessageBody flagsOnly(int flags) {
        return new WebhookMessageBody("", null, null, flags, false);
    }
}

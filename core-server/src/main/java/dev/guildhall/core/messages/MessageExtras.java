package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a message sent by an application (interaction response or follow-up) or a webhook carries beyond a user's
 * message; for a user's message only its type and embeds ({@link #ofUser}).
 *
 * @param type                Discord message type (20 CHAT_INPUT_COMMAND, 0 DEFAULT, ...)
 * @param flags               message flags (64 EPHEMERAL, 128 LOADING)
 * @param webhookId           the webhook that sent it (for interaction messages: the application id)
 * @param applicationId       the application that sent it
 * @param components          the message components (an array of action rows), or null for none
 * @param interactionMetadata Discord's {@code interaction_metadata} object, or null
 * @param embeds              the embeds (an array), or null for none
 */
public record MessageExtras(int type, int flags, long webhookId, long applicationId, JsonNode components,
                            JsonNode interactionMetadata, JsonNode embeds) {
    public static final int EPHEMERAL = 1 << 6;
    public static final int LOADING = 1 << 7;

    /** A message of an incoming webhook (no application): its author is the webhook itself, not a user. */
    public static MessageExtras ofWebhook(long webhookId, JsonNode embeds) {
        return new MessageExtras(0, 0, webhookId, 0, null, null, embeds);
    }

    /** A message sent by the system on behalf of a user (e.g. 24 AUTO_MODERATION_ACTION): no webhook, no app. */
    public static MessageExtras system(int type, JsonNode embeds) {
        return new MessageExtras(type, 0, 0, 0, null, null, embeds);
    }

    /** A user's own message that carries embeds: type 0 DEFAULT or 19 REPLY, no webhook, no application. */
    public static MessageExtras ofUser(boolean reply, JsonNode embeds) {
        return new MessageExtras(reply ? 19 : 0, 0, 0, 0, null, null, embeds);
    }

    public boolean byWebhook() {
        return webhookId != 0 && applicationId == 0;
    }

    public boolean ephemeral() {
        return (flags & EPHEMERAL) != 0;
    }

    public MessageExtras withFlags(int newFlags) {
        return new MessageExtras(type, newFlags, webhookId, applicationId, components, interactionMetadata, embeds);
    }

    public MessageExtras withComponents(JsonNode newComponents) {
        return new MessageExtras(type, flags, webhookId, applicationId, newComponents, interactionMetadata, embeds);
    }

    public MessageExtras withEmbeds(JsonNode newEmbeds) {
        return new MessageExtras(type, flags, webhookId, applicationId, components, interactionMetadata, newEmbeds);
    }
}

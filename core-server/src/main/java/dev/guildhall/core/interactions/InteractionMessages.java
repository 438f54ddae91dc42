package dev.guildhall.core.interactions;

import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.WebhookMessageBody;
import dev.guildhall.core.messages.WebhookMessages;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The messages an application sends through interactions: webhook messages (webhook_id = application id) authored
 * by the application's bot, typed after the interaction and carrying its {@code interaction_metadata}.
 */
final class InteractionMessages {
    private InteractionMessages() {
    }

    /** A new message for the interaction ({@code originalMessageId} != 0: a follow-up of that original). */
    static Message create(Connection c, WebhookMessages messages, Interaction i, WebhookMessageBody body, int flags,
                          long originalMessageId, Instant now) throws SQLException {
        User bot = AuthService.findUser(c, InteractionStore.botUserId(c, i.applicationId()));
        int type = i.type() != Interaction.APPLICATION_COMMAND ? InteractionService.MESSAGE_DEFAULT
                : i.commandType() == CommandValidation.CHAT_INPUT ? InteractionService.MESSAGE_CHAT_INPUT_COMMAND
                : InteractionService.MESSAGE_CONTEXT_MENU_COMMAND;
        MessageExtras extras = new MessageExtras(type, flags, i.applicationId(), i.applicationId(),
                body.components() == null ? Json.array() : body.components(),
                InteractionService.metadata(c, i, originalMessageId), body.embeds());
        String content = body.content() == null ? "" : body.content();
        Message m = new Message(messages.ids().next(), i.channelId(), i.guildId(), bot, content, null, body.tts(), now)
                .withExtras(extras);
        messages.insert(c, m, now);
        return m;
    }
}

package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Application;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessageUpdated;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The messages an application sends through interactions: written in the caller's transaction with their
 * {@code message.*} outbox event, then dispatched. They are webhook messages (webhook_id = application id) authored
 * by the application's bot. Ephemeral ones (flag 64) reach only the invoking user's sessions and produce no event:
 * nobody else ever sees them.
 */
public final class InteractionMessages {
    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final UserDispatcher toUser;
    private final String source;

    public InteractionMessages(Snowflakes ids, OutboxWriter outbox, GuildEventBus bus, UserDispatcher toUser,
                               String source) {
        this.ids = ids;
        this.outbox = outbox;
        this.bus = bus;
        this.toUser = toUser;
        this.source = source;
    }

    /** A new message for the interaction ({@code originalMessageId} != 0: a follow-up of that original). */
    Message create(Connection c, Interaction i, Application app, AppMessageBody body, int flags,
                   long originalMessageId, Instant now) throws SQLException {
        User bot = AuthService.findUser(c, app.botUserId());
        int type = i.type() != Interaction.APPLICATION_COMMAND ? InteractionService.MESSAGE_DEFAULT
                : i.commandType() == CommandValidation.CHAT_INPUT ? InteractionService.MESSAGE_CHAT_INPUT_COMMAND
                : InteractionService.MESSAGE_CONTEXT_MENU_COMMAND;
        MessageExtras extras = new MessageExtras(type, flags, app.id(), app.id(),
                body.components() == null ? Json.array() : body.components(),
                InteractionService.metadata(c, i, originalMessageId));
        String content = body.content() == null ? "" : body.content();
        Message m = new Message(ids.next(), i.channelId(), i.guildId(), bot, content, null, body.tts(), now)
                .withExtras(extras);
        MessageStore.insert(c, m);
        if (!extras.ephemeral()) {
            ChannelStore.setLastMessage(c, i.channelId(), m.id());
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageCreated(Json.id(m.id()), Json.id(m.channelId()), Json.id(bot.id()), true, content,
                            content.codePointCount(0, content.length()), now.toEpochMilli())));
        }
        return m;
    }

    /** Replaces content and components where given; a loading message stops loading. */
    Message update(Connection c, Message m, AppMessageBody body, Instant now) throws SQLException {
        String content = body.content() != null ? body.content() : m.content();
        MessageExtras x = m.extras();
        MessageExtras updated = x.withFlags(x.flags() & ~MessageExtras.LOADING)
                .withComponents(body.components() != null ? body.components() : x.components());
        MessageStore.updateApplicationMessage(c, m.id(), content, updated.flags(), updated.components(), now);
        if (!x.ephemeral()) {
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageUpdated(Json.id(m.id()), Json.id(m.channelId()), Json.id(m.author().id()), true,
                            content, content.codePointCount(0, content.length()), now.toEpochMilli())));
        }
        return m.withContent(content, now).withExtras(updated);
    }

    void delete(Connection c, Message m, Instant now) throws SQLException {
        MessageStore.delete(c, m.id());
        if (!m.extras().ephemeral()) {
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageDeleted(Json.id(m.id()), Json.id(m.channelId()), Json.id(m.author().id()),
                            Json.id(m.author().id()), now.toEpochMilli())));
        }
    }

    /** After the commit: wakes the outbox relay. */
    void committed() {
        outbox.committed();
    }

    /** MESSAGE_CREATE / MESSAGE_UPDATE: to the channel, or only to the invoking user when ephemeral. */
    void publish(String event, Message m, long invokerId) {
        ObjectNode json = MessageViews.message(m, null);
        if (m.extras().ephemeral()) {
            toUser.dispatchToUser(invokerId, new Dispatch(event, json, Intents.GUILD_MESSAGES, true, m.author().id(),
                    0));
        } else {
            bus.publish(m.guildId(), new Dispatch(event, json, Intents.GUILD_MESSAGES, true, m.author().id(),
                    m.channelId()));
        }
    }

    void publishDelete(Message m, long invokerId) {
        ObjectNode d = Json.object();
        d.put("id", Json.id(m.id()));
        d.put("channel_id", Json.id(m.channelId()));
        d.put("guild_id", Json.id(m.guildId()));
        Dispatch dispatch = new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0,
                m.extras().ephemeral() ? 0 : m.channelId());
        if (m.extras().ephemeral()) {
            toUser.dispatchToUser(invokerId, dispatch);
        } else {
            bus.publish(m.guildId(), dispatch);
        }
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.json.Json;
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
 * Messages sent through webhooks (incoming webhooks and interaction responses): written in the caller's transaction
 * with their {@code message.*} outbox event, dispatched after the commit. Ephemeral ones (flag 64) reach only the
 * one user they are for and produce no event: nobody else ever sees them.
 */
public final class WebhookMessages {
    /** Delivers a dispatch to one user's gateway sessions (the gateway's {@code dispatchToUser}). */
    @FunctionalInterface
    public interface UserDispatcher {
        void dispatchToUser(long userId, Dispatch dispatch);
    }

    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final UserDispatcher toUser;
    private final String source;

    public WebhookMessages(Snowflakes ids, OutboxWriter outbox, GuildEventBus bus, UserDispatcher toUser,
                           String source) {
        this.ids = ids;
        this.outbox = outbox;
        this.bus = bus;
        this.toUser = toUser;
        this.source = source;
    }

    public Snowflakes ids() {
        return ids;
    }

    /** Stores a new message (its channel's last message unless ephemeral). */
    public void insert(Connection c, Message m, Instant now) throws SQLException {
        MessageStore.insert(c, m);
        if (!m.extras().ephemeral()) {
            ChannelStore.setLastMessage(c, m.channelId(), m.id());
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageCreated(Json.id(m.id()), Json.id(m.channelId()), Json.id(m.author().id()), true,
                            m.content(), m.content().codePointCount(0, m.content().length()), now.toEpochMilli())));
        }
    }

    /** Replaces content, embeds and components where given; a loading message stops loading. */
    public Message update(Connection c, Message m, WebhookMessageBody body, Instant now) throws SQLException {
        String content = body.content() != null ? body.content() : m.content();
        MessageExtras x = m.extras();
        MessageExtras updated = x.withFlags(x.flags() & ~MessageExtras.LOADING)
                .withComponents(body.components() != null ? body.components() : x.components())
                .withEmbeds(body.embeds() != null ? body.embeds() : x.embeds());
        MessageStore.updateWebhookMessage(c, m.id(), content, updated, now);
        if (!x.ephemeral()) {
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageUpdated(Json.id(m.id()), Json.id(m.channelId()), Json.id(m.author().id()), true,
                            content, content.codePointCount(0, content.length()), now.toEpochMilli(),
                            m.createdAt().toEpochMilli())));
        }
        return m.withContent(content, now).withExtras(updated);
    }

    public void delete(Connection c, Message m, Instant now) throws SQLException {
        MessageStore.delete(c, m.id());
        if (!m.extras().ephemeral()) {
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageDeleted(Json.id(m.id()), Json.id(m.channelId()), Json.id(m.author().id()),
                            Json.id(m.author().id()), now.toEpochMilli())));
        }
    }

    /** After the commit: wakes the outbox relay. */
    public void committed() {
        outbox.committed();
    }

    /**
     * MESSAGE_CREATE / MESSAGE_UPDATE: to the channel's viewers, or, when ephemeral, only to {@code recipientId}'s
     * sessions.
     */
    public void publish(String event, Message m, long recipientId) {
        ObjectNode json = MessageViews.message(m, null);
        if (m.extras().ephemeral()) {
            toUser.dispatchToUser(recipientId, new Dispatch(event, json, Intents.GUILD_MESSAGES, true,
                    m.author().id(), 0));
        } else {
            bus.publish(m.guildId(), new Dispatch(event, json, Intents.GUILD_MESSAGES, true, m.author().id(),
                    m.channelId()));
        }
    }

    /** MESSAGE_DELETE, to the same audience as {@link #publish}. */
    public void publishDelete(Message m, long recipientId) {
        ObjectNode d = Json.object();
        d.put("id", Json.id(m.id()));
        d.put("channel_id", Json.id(m.channelId()));
        d.put("guild_id", Json.id(m.guildId()));
        if (m.extras().ephemeral()) {
            toUser.dispatchToUser(recipientId, new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0, 0));
        } else {
            bus.publish(m.guildId(), new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0,
                    m.channelId()));
        }
    }
}

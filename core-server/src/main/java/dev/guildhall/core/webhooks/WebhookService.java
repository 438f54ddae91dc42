package dev.guildhall.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.Tokens;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.CannotSendEmptyMessage;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidWebhookToken;
import dev.guildhall.core.errors.MaxWebhooksReached;
import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownChannel;
import dev.guildhall.core.errors.UnknownGuild;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.errors.UnknownWebhook;
import dev.guildhall.core.errors.WrongChannelType;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.messages.WebhookMessageBody;
import dev.guildhall.core.messages.WebhookMessages;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.WebhookChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Incoming webhooks: managed by members with MANAGE_WEBHOOKS in the webhook's channel, or by anyone holding the
 * webhook's token; executed with the token only. Changes write a {@code webhook.changed} event and dispatch
 * WEBHOOKS_UPDATE (intent GUILD_WEBHOOKS) in the channel; executed messages are webhook messages whose author is the
 * webhook (name or username override, bot true).
 */
public final class WebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    /** Permission bit 29 and intent bit 5 (not named elsewhere). */
    static final long MANAGE_WEBHOOKS = 1L << 29;
    static final int GUILD_WEBHOOKS = 1 << 5;
    static final int MAX_PER_CHANNEL = 15;

    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final PermissionCalculator permissions;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final WebhookMessages messages;
    private final String source;

    public WebhookService(Database db, Snowflakes ids, ChannelAccess access, PermissionCalculator permissions,
                          OutboxWriter outbox, GuildEventBus bus, WebhookMessages messages, String source) {
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.permissions = permissions;
        this.outbox = outbox;
        this.bus = bus;
        this.messages = messages;
        this.source = source;
    }

    /** Discord's webhook name rule: 1–80 characters, and neither "clyde" nor "discord" in it. */
    static void checkName(String name, String field, InvalidFormBody.Builder errors) {
        int len = name.codePointCount(0, name.length());
        if (len < 1 || len > 80) {
            errors.add(field, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length.");
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String reserved : new String[]{"clyde", "discord"}) {
            if (lower.contains(reserved)) {
                errors.add(field, "USERNAME_INVALID_CONTAINS", "Username cannot contain \"" + reserved + "\"");
            }
        }
    }

    /** {@code POST /channels/{id}/webhooks}: 200 with the webhook and its token (shown only now). */
    public ObjectNode create(Principal caller, long channelId, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.requiredString(body, "name", errors);
        if (name != null) {
            checkName(name, "name", errors);
        }
        errors.throwIfAny();
        long id = ids.next();
        String token = Tokens.newWebhookToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Webhook w = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), MANAGE_WEBHOOKS);
            if (!canHoldWebhooks(grant.channel())) {
                throw new WrongChannelType();
            }
            if (WebhookStore.countInChannel(c, channelId) >= MAX_PER_CHANNEL) {
                throw new MaxWebhooksReached();
            }
            Webhook created = new Webhook(id, Webhook.INCOMING, grant.guild().id(), channelId, caller.user(), name,
                    now);
            WebhookStore.insert(c, created, Tokens.hash(token));
            event(c, created, "created", caller.userId(), now);
            return created;
        });
        committed(w.guildId(), channelId);
        LOG.debug("event=webhook_created webhook_id={} channel_id={}", id, channelId);
        return w.view(true, token);
    }

    private static boolean canHoldWebhooks(Channel ch) {
        return ch.type() != Channel.GUILD_CATEGORY && !ch.isThread();
    }

    /** {@code GET /channels/{id}/webhooks}: MANAGE_WEBHOOKS. */
    public ArrayNode listChannel(Principal caller, long channelId) {
        List<Webhook> list = db.read(c -> {
            access.require(c, channelId, caller.userId(), MANAGE_WEBHOOKS);
            return WebhookStore.ofChannel(c, channelId);
        });
        return views(list);
    }

    /** {@code GET /guilds/{id}/webhooks}: MANAGE_WEBHOOKS in the guild. */
    public ArrayNode listGuild(Principal caller, long guildId) {
        List<Webhook> list = db.read(c -> {
            Guild g = GuildStore.find(c, guildId);
            if (g == null) {
                throw new UnknownGuild();
            }
            if (!GuildStore.isMember(c, guildId, caller.userId())) {
                throw new MissingAccess();
            }
            if (!Permissions.has(permissions.guildPermissions(c, guildId, g.ownerId(), caller.userId()),
                    MANAGE_WEBHOOKS)) {
                throw new MissingPermissions();
            }
            return WebhookStore.ofGuild(c, guildId);
        });
        return views(list);
    }

    private static ArrayNode views(List<Webhook> list) {
        ArrayNode out = Json.array();
        list.forEach(w -> out.add(w.view(true, null)));
        return out;
    }

    /** A webhook the caller manages (MANAGE_WEBHOOKS in its channel), locked when {@code forUpdate}. */
    private Webhook managed(Connection c, Principal caller, long id, boolean forUpdate) throws SQLException {
        WebhookStore.Stored s = WebhookStore.find(c, id, forUpdate);
        if (s == null) {
            throw new UnknownWebhook();
        }
        access.require(c, s.webhook().channelId(), caller.userId(), MANAGE_WEBHOOKS);
        return s.webhook();
    }

    /** A webhook whose token matches: 10015 unknown, 50027 wrong token. */
    private static Webhook byToken(Connection c, long id, String token, boolean forUpdate) throws SQLException {
        WebhookStore.Stored s = WebhookStore.find(c, id, forUpdate);
        if (s == null) {
            throw new UnknownWebhook();
        }
        if (!MessageDigest.isEqual(s.tokenHash(), Tokens.hash(token))) {
            throw new InvalidWebhookToken();
        }
        return s.webhook();
    }

    public ObjectNode get(Principal caller, long id) {
        return db.read(c -> managed(c, caller, id, false)).view(true, null);
    }

    public ObjectNode getWithToken(long id, String token) {
        return db.read(c -> byToken(c, id, token, false)).view(false, null);
    }

    /** {@code PATCH /webhooks/{id}}: name and/or channel_id (MANAGE_WEBHOOKS in the new channel too). */
    public ObjectNode modify(Principal caller, long id, JsonNode body) {
        return modify(id, body, caller, null);
    }

    /** {@code PATCH /webhooks/{id}/{token}}: the name only (no channel_id with a token, as on Discord). */
    public ObjectNode modifyWithToken(long id, String token, JsonNode body) {
        return modify(id, body, null, token);
    }

    private ObjectNode modify(long id, JsonNode body, Principal caller, String token) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String name = Validation.optionalString(body, "name", errors);
        if (name != null) {
            checkName(name, "name", errors);
        }
        long channelId = 0;
        JsonNode ch = body.get("channel_id");
        if (caller != null && ch != null && !ch.isNull()) {
            if (!ch.isValueNode() || !ch.asText().matches("\\d{1,20}")) {
                errors.add("channel_id", "NUMBER_TYPE_COERCE", "Value \"" + ch.asText() + "\" is not snowflake.");
            } else {
                channelId = Long.parseUnsignedLong(ch.asText());
            }
        }
        errors.throwIfAny();
        long newChannel = channelId;
        Instant now = Instant.now();
        record Changed(Webhook before, Webhook after) {
        }
        Changed changed = db.inTransaction(c -> {
            Webhook w = caller != null ? managed(c, caller, id, true) : byToken(c, id, token, true);
            long target = w.channelId();
            if (newChannel != 0 && newChannel != w.channelId()) {
                ChannelGrant grant = access.require(c, newChannel, caller.userId(), MANAGE_WEBHOOKS);
                if (grant.guild().id() != w.guildId()) {
                    throw new UnknownChannel();
                }
                if (!canHoldWebhooks(grant.channel())) {
                    throw new WrongChannelType();
                }
                target = newChannel;
            }
            Webhook after = new Webhook(w.id(), w.type(), w.guildId(), target, w.creator(),
                    name == null ? w.name() : name, w.createdAt());
            WebhookStore.update(c, id, after.name(), target);
            event(c, after, "updated", caller == null ? 0 : caller.userId(), now);
            return new Changed(w, after);
        });
        committed(changed.after().guildId(), changed.after().channelId());
        if (changed.before().channelId() != changed.after().channelId()) {
            webhooksUpdate(changed.before().guildId(), changed.before().channelId());
        }
        return changed.after().view(caller != null, null);
    }

    public void delete(Principal caller, long id) {
        delete(id, caller, null);
    }

    public void deleteWithToken(long id, String token) {
        delete(id, null, token);
    }

    private void delete(long id, Principal caller, String token) {
        Instant now = Instant.now();
        Webhook w = db.inTransaction(c -> {
            Webhook found = caller != null ? managed(c, caller, id, true) : byToken(c, id, token, true);
            WebhookStore.delete(c, id);
            event(c, found, "deleted", caller == null ? 0 : caller.userId(), now);
            return found;
        });
        committed(w.guildId(), w.channelId());
    }

    /**
     * {@code POST /webhooks/{id}/{token}?wait=&thread_id=}: a message in the webhook's channel (or a thread of it)
     * under the webhook's name or {@code username}; the message when {@code wait}, else null (204).
     */
    public ObjectNode execute(long id, String token, JsonNode body, boolean wait, String threadId) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        WebhookMessageBody data = WebhookMessageBody.parse(body, "", errors);
        String username = Validation.optionalString(body, "username", errors);
        if (username != null) {
            checkName(username, "username", errors);
        }
        long thread = 0;
        if (threadId != null) {
            if (!threadId.matches("\\d{1,20}")) {
                errors.add("thread_id", "NUMBER_TYPE_COERCE", "Value \"" + threadId + "\" is not snowflake.");
            } else {
                thread = Long.parseUnsignedLong(threadId);
            }
        }
        errors.throwIfAny();
        boolean noEmbeds = data.embeds() == null || data.embeds().isEmpty();
        if ((data.content() == null || data.content().isBlank()) && noEmbeds) {
            throw new CannotSendEmptyMessage(); // components are for application webhooks: not counted, not kept
        }
        long threadChannel = thread;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Message m = db.inTransaction(c -> {
            Webhook w = byToken(c, id, token, false);
            long channelId = w.channelId();
            if (threadChannel != 0) {
                Channel t = ChannelStore.find(c, threadChannel);
                if (t == null || !t.isThread() || t.parentId() == null || t.parentId() != w.channelId()) {
                    throw new UnknownChannel();
                }
                channelId = t.id();
            }
            User author = new User(w.id(), username != null ? username : w.name(), null, true);
            Message msg = new Message(ids.next(), channelId, w.guildId(), author,
                    data.content() == null ? "" : data.content(), null, data.tts(), now)
                    .withExtras(MessageExtras.ofWebhook(w.id(), data.embeds()));
            messages.insert(c, msg, now);
            return msg;
        });
        messages.committed();
        messages.publish("MESSAGE_CREATE", m, 0);
        return wait ? MessageViews.message(m, null) : null;
    }

    /** A message this webhook sent; 10008 otherwise. */
    private static Message message(Connection c, long webhookId, long messageId, boolean forUpdate)
            throws SQLException {
        Message m = MessageStore.findWebhookMessage(c, messageId, webhookId, forUpdate);
        if (m == null) {
            throw new UnknownMessage();
        }
        return m;
    }

    public ObjectNode getMessage(long id, String token, long messageId) {
        return MessageViews.message(db.read(c -> {
            byToken(c, id, token, false);
            return message(c, id, messageId, false);
        }), null);
    }

    public ObjectNode editMessage(long id, String token, long messageId, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        WebhookMessageBody data = WebhookMessageBody.parse(body, "", errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Message m = db.inTransaction(c -> {
            byToken(c, id, token, false);
            return messages.update(c, message(c, id, messageId, true), data, now);
        });
        messages.committed();
        messages.publish("MESSAGE_UPDATE", m, 0);
        return MessageViews.message(m, null);
    }

    public void deleteMessage(long id, String token, long messageId) {
        Instant now = Instant.now();
        Message m = db.inTransaction(c -> {
            byToken(c, id, token, false);
            Message found = message(c, id, messageId, true);
            messages.delete(c, found, now);
            return found;
        });
        messages.committed();
        messages.publishDelete(m, 0);
    }

    private void event(Connection c, Webhook w, String action, long actorId, Instant now) throws SQLException {
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(w.guildId()), now.toEpochMilli(),
                new WebhookChanged(Json.id(w.id()), Json.id(w.channelId()), w.name(), action,
                        actorId == 0 ? null : Json.id(actorId), now.toEpochMilli())));
    }

    private void committed(long guildId, long channelId) {
        outbox.committed();
        webhooksUpdate(guildId, channelId);
    }

    private void webhooksUpdate(long guildId, long channelId) {
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(guildId));
        d.put("channel_id", Json.id(channelId));
        bus.publish(guildId, Dispatch.inChannel("WEBHOOKS_UPDATE", d, GUILD_WEBHOOKS, channelId));
    }
}

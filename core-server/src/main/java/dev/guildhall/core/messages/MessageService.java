package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.CannotSendEmptyMessage;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Sending and reading messages. A sent message, its channel's last_message_id and its {@code message.created}
 * outbox row are written in one transaction; MESSAGE_CREATE is dispatched after the commit.
 */
public final class MessageService {
    private static final Logger LOG = LoggerFactory.getLogger(MessageService.class);
    public static final int MAX_CONTENT = 2000;
    public static final int MAX_NONCE = 25;

    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final String source;

    public MessageService(Database db, Snowflakes ids, ChannelAccess access, OutboxWriter outbox, GuildEventBus bus,
                          String source) {
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.outbox = outbox;
        this.bus = bus;
        this.source = source;
    }

    /** A validated send request. */
    private record SendRequest(String content, String nonce, JsonNode rawNonce, boolean tts, boolean enforceNonce) {
    }

    /** {@code POST /channels/{id}/messages}. Unknown fields are accepted and ignored, like Discord. */
    public ObjectNode send(Principal caller, long channelId, JsonNode body) {
        SendRequest req = parse(body);
        long required = Permissions.SEND_MESSAGES;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long messageId = ids.next();
        record Sent(Message message, boolean created, Member member, int channelType) {
        }
        Sent sent = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), required);
            if (req.enforceNonce() && req.nonce() != null) {
                Message existing = MessageStore.findByNonce(c, channelId, caller.userId(), req.nonce());
                if (existing != null) {
                    return new Sent(existing, false, null, grant.channel().type());
                }
            }
            Message m = new Message(messageId, channelId, grant.guild().id(), caller.user(), req.content(),
                    req.nonce(), req.tts(), now);
            MessageStore.insert(c, m);
            ChannelStore.setLastMessage(c, channelId, messageId);
            String guildId = Json.id(m.guildId());
            EventEnvelope event = EventCodec.wrap(ids, source, guildId, now.toEpochMilli(),
                    new MessageCreated(Json.id(m.id()), Json.id(channelId), Json.id(caller.userId()),
                            caller.user().bot(), m.content(), m.content().codePointCount(0, m.content().length()),
                            now.toEpochMilli()));
            outbox.append(c, event);
            return new Sent(m, true, GuildStore.member(c, m.guildId(), caller.userId()), grant.channel().type());
        });
        ObjectNode json = MessageViews.message(sent.message(), req.rawNonce());
        if (sent.created()) {
            outbox.committed();
            LOG.debug("event=message_created message_id={} channel_id={} guild_id={}", messageId, channelId,
                    sent.message().guildId());
            ObjectNode dispatch = json.deepCopy();
            if (sent.member() != null) {
                ObjectNode member = GuildViews.member(sent.member(), false);
                dispatch.set("member", member);
            }
            dispatch.put("channel_type", sent.channelType());
            bus.publish(sent.message().guildId(), new Dispatch("MESSAGE_CREATE", dispatch, Intents.GUILD_MESSAGES,
                    true, caller.userId()));
        }
        return json;
    }

    private static SendRequest parse(JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String content = Validation.optionalString(body, "content", errors);
        if (content != null && content.codePointCount(0, content.length()) > MAX_CONTENT) {
            errors.add("content", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CONTENT + " or fewer in length.");
        }
        JsonNode rawNonce = body.get("nonce");
        String nonce = null;
        if (rawNonce != null && !rawNonce.isNull()) {
            if (rawNonce.isTextual()) {
                nonce = rawNonce.textValue();
                if (nonce.length() > MAX_NONCE) {
                    errors.add("nonce", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_NONCE + " or fewer in length.");
                }
            } else if (rawNonce.isIntegralNumber() && rawNonce.canConvertToLong()) {
                nonce = Long.toString(rawNonce.longValue());
            } else {
                errors.add("nonce", "NONCE_TYPE_INVALID", "Nonce must be an integer or a string.");
            }
        }
        boolean tts = Validation.optionalBoolean(body, "tts", false, errors);
        boolean enforceNonce = Validation.optionalBoolean(body, "enforce_nonce", false, errors);
        errors.throwIfAny();
        if (content == null || content.isBlank()) {
            throw new CannotSendEmptyMessage();
        }
        return new SendRequest(content, nonce, rawNonce, tts, enforceNonce);
    }

    /** {@code GET /channels/{id}/messages?limit=&before=&after=}: newest first. */
    public ArrayNode list(Principal caller, long channelId, String limitParam, String beforeParam,
                          String afterParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = parseLimit(limitParam, errors);
        long before = parseSnowflake("before", beforeParam, errors);
        long after = parseSnowflake("after", afterParam, errors);
        errors.throwIfAny();
        List<Message> page = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            return MessageStore.page(c, channelId, before, after, limit);
        });
        ArrayNode out = Json.array();
        page.forEach(m -> out.add(MessageViews.message(m, null)));
        return out;
    }

    /** {@code GET /channels/{id}/messages/{message_id}}. */
    public ObjectNode get(Principal caller, long channelId, long messageId) {
        Message m = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            return MessageStore.find(c, channelId, messageId);
        });
        if (m == null) {
            throw new UnknownMessage();
        }
        return MessageViews.message(m, null);
    }

    private static int parseLimit(String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return 50;
        }
        int v;
        try {
            v = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            errors.add("limit", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
            return 50;
        }
        if (v < 1) {
            errors.add("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
        } else if (v > 100) {
            errors.add("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
        }
        return v;
    }

    private static long parseSnowflake(String name, String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
            return 0;
        }
    }
}

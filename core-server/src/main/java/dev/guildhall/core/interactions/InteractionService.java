package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Application;
import dev.guildhall.core.auth.ApplicationService;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.auth.Tokens;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelViews;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.BotsCannotUse;
import dev.guildhall.core.errors.CannotSendEmptyMessage;
import dev.guildhall.core.errors.InteractionAlreadyAcknowledged;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingAccess;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.UnknownApplication;
import dev.guildhall.core.errors.UnknownChannel;
import dev.guildhall.core.errors.UnknownCommand;
import dev.guildhall.core.errors.UnknownInteraction;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.errors.UnknownWebhook;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageComponents;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.WebhookMessageBody;
import dev.guildhall.core.messages.WebhookMessages;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.Snowflakes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Interactions: a user invokes a command or clicks a button ({@code POST /interactions}); the application's bot gets
 * INTERACTION_CREATE on its own gateway sessions; the application answers once through the callback (within the
 * token's 15 minutes) and then sends follow-ups and edits through {@code /webhooks/{application.id}/{token}}.
 */
public final class InteractionService {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionService.class);
    /** Interaction tokens are valid for 15 minutes (Discord). */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    /** Interaction callback types. */
    static final int CHANNEL_MESSAGE_WITH_SOURCE = 4;
    static final int DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;
    static final int DEFERRED_UPDATE_MESSAGE = 6;
    static final int UPDATE_MESSAGE = 7;

    /** Message types of application messages. */
    static final int MESSAGE_DEFAULT = 0;
    static final int MESSAGE_CHAT_INPUT_COMMAND = 20;
    static final int MESSAGE_CONTEXT_MENU_COMMAND = 23;

    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final PermissionCalculator permissions;
    private final ApplicationService apps;
    private final WebhookMessages messages;
    private final WebhookMessages.UserDispatcher toUser;

    public InteractionService(Database db, Snowflakes ids, ChannelAccess access,
                              PermissionCalculator permissions, ApplicationService apps,
                              WebhookMessages messages, WebhookMessages.UserDispatcher toUser) {
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.permissions = permissions;
        this.apps = apps;
        this.messages = messages;
        this.toUser = toUser;
    }

    // ---------------------------------------------------------------------------------------------- invocation

    /**
     * {@code POST /interactions} by a user: type 2 runs a command, type 3 uses a message component. The user needs
     * VIEW_CHANNEL and USE_APPLICATION_COMMANDS in the channel (and the command's default member permissions); the
     * application's bot must be a member of the guild. 204; INTERACTION_CREATE goes to the bot's sessions only.
     */
    public void invoke(Principal caller, JsonNode body) {
        if (caller.isBot()) {
            throw new BotsCannotUse();
        }
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int type = body.path("type").asInt(-1);
        if (type != Interaction.APPLICATION_COMMAND && type != Interaction.MESSAGE_COMPONENT) {
            errors.add("type", "BASE_TYPE_CHOICES", "Value must be one of {2, 3}.");
        }
        long applicationId = snowflake(body, "application_id", errors);
        long guildId = snowflake(body, "guild_id", errors);
        long channelId = snowflake(body, "channel_id", errors);
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            errors.add("data", "BASE_TYPE_REQUIRED", "This field is required");
        }
        long messageId = type == Interaction.MESSAGE_COMPONENT ? snowflake(body, "message_id", errors) : 0;
        long commandId = type == Interaction.APPLICATION_COMMAND && data != null ? snowflake(data, "id", errors) : 0;
        errors.throwIfAny();
        Application app = apps.find(applicationId);
        if (app == null) {
            throw new UnknownApplication();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long interactionId = ids.next();
        String token = Tokens.newToken(interactionId);
        ObjectNode payload = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.USE_APPLICATION_COMMANDS);
            if (grant.guild().id() != guildId) {
                throw new UnknownChannel();
            }
            if (!GuildStore.isMember(c, guildId, app.botUserId())) {
                throw new MissingAccess();
            }
            ObjectNode interactionData = Json.object();
            Interaction interaction;
            Message message = null;
            if (type == Interaction.APPLICATION_COMMAND) {
                Command cmd = CommandStore.findInvocable(c, applicationId, guildId, commandId);
                if (cmd == null || !cmd.name().equals(data.path("name").asText())
                        || (data.has("type") && data.path("type").asInt() != cmd.type())) {
                    throw new UnknownCommand();
                }
                JsonNode required = cmd.body().get("default_member_permissions");
                if (required != null && required.isTextual()) {
                    long guildPerms = permissions.guildPermissions(c, guildId, grant.guild().ownerId(),
                            caller.userId());
                    if (!Permissions.has(guildPerms, Long.parseUnsignedLong(required.textValue()))
                            || (Long.parseUnsignedLong(required.textValue()) == 0
                            && (guildPerms & Permissions.ADMINISTRATOR) == 0)) {
                        throw new MissingPermissions();
                    }
                }
                InvalidFormBody.Builder optionErrors = InvalidFormBody.builder();
                CommandOptions options = new CommandOptions(c, guildId, optionErrors);
                var resolvedOptions = options.resolve(data.get("options"), cmd.body().get("options"), "data.options");
                optionErrors.throwIfAny();
                interactionData.put("id", Json.id(cmd.id()));
                interactionData.put("name", cmd.name());
                interactionData.put("type", cmd.type());
                interactionData.set("options", resolvedOptions);
                if (!options.resolved.isEmpty()) {
                    interactionData.set("resolved", options.resolved);
                }
                if (cmd.guildId() != 0) {
                    interactionData.put("guild_id", Json.id(cmd.guildId()));
                }
                interaction = new Interaction(interactionId, applicationId, type, guildId, channelId,
                        caller.userId(), cmd.id(), cmd.name(), cmd.type(), 0, now, null, 0, false);
            } else {
                message = MessageStore.findWebhookMessage(c, messageId, applicationId, false);
                if (message == null || message.channelId() != channelId) {
                    throw new UnknownMessage();
                }
                int componentType = data.path("component_type").asInt(-1);
                String customId = data.path("custom_id").asText("");
                if (!MessageComponents.contains(message.extras().components(), componentType, customId)) {
                    throw InvalidFormBody.of("data.custom_id", "COMPONENT_INVALID", "Unknown component.");
                }
                interactionData.put("custom_id", customId);
                interactionData.put("component_type", componentType);
                interaction = new Interaction(interactionId, applicationId, type, guildId, channelId,
                        caller.userId(), 0, null, 0, messageId, now, null, 0, false);
            }
            InteractionStore.insert(c, interaction, Tokens.hash(token));
            Member member = GuildStore.member(c, guildId, caller.userId());
            long appPerms = permissions.channelPermissions(c, guildId, grant.guild().ownerId(), channelId,
                    app.botUserId());
            ObjectNode p = Json.object();
            p.put("id", Json.id(interactionId));
            p.put("application_id", Json.id(applicationId));
            p.put("type", type);
            p.set("data", interactionData);
            ObjectNode guild = p.putObject("guild");
            guild.put("id", Json.id(guildId));
            guild.put("locale", "en-US");
            guild.putArray("features");
            p.put("guild_id", Json.id(guildId));
            ObjectNode channel = ChannelViews.channel(grant.channel());
            channel.put("permissions", Long.toString(grant.permissions()));
            p.set("channel", channel);
            p.put("channel_id", Json.id(channelId));
            ObjectNode memberJson = GuildViews.member(member, true);
            memberJson.put("permissions", Long.toString(grant.permissions()));
            p.set("member", memberJson);
            p.put("token", token);
            p.put("version", 1);
            if (message != null) {
                p.set("message", MessageViews.message(message, null));
            }
            p.put("app_permissions", Long.toString(appPerms));
            p.put("locale", "en-US");
            p.put("guild_locale", "en-US");
            p.putArray("entitlements");
            p.putObject("authorizing_integration_owners").put("0", Json.id(guildId));
            p.put("context", 0);
            p.put("attachment_size_limit", 10 * 1024 * 1024);
            return p;
        });
        // interactions need no intent and go to the bot's sessions only, not to the guild
        toUser.dispatchToUser(app.botUserId(), new Dispatch("INTERACTION_CREATE", payload, 0, false, 0, 0));
        LOG.debug("event=interaction_created interaction_id={} application_id={} type={} guild_id={} channel_id={}",
                interactionId, applicationId, type, guildId, channelId);
    }

    private static long snowflake(JsonNode body, String field, InvalidFormBody.Builder errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            errors.add(field, "BASE_TYPE_REQUIRED", "This field is required");
            return 0;
        }
        String raw = v.asText();
        if (!v.isValueNode() || !raw.matches("\\d{1,20}")) {
            errors.add(field, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
            return 0;
        }
        return Long.parseUnsignedLong(raw);
    }

    // ----------------------------------------------------------------------------------------------- callback

    /** The answer of a callback: the interaction callback response, or null for 204. */
    public ObjectNode callback(long interactionId, String token, JsonNode body, boolean withResponse) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int type = body.path("type").asInt(-1);
        if (type < CHANNEL_MESSAGE_WITH_SOURCE || type > UPDATE_MESSAGE) {
            errors.add("type", "BASE_TYPE_CHOICES", "Value must be one of {4, 5, 6, 7}.");
        }
        WebhookMessageBody data = WebhookMessageBody.parse(body.get("data"), "data.", errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Answer(Message message, String event, Interaction interaction, boolean loading) {
        }
        Answer a = db.inTransaction(c -> {
            Interaction i = InteractionStore.findForUpdate(c, interactionId, Tokens.hash(token == null ? "" : token));
            if (i == null || expired(i, now)) {
                throw new UnknownInteraction();
            }
            if (i.callbackType() != null) {
                throw new InteractionAlreadyAcknowledged();
            }
            boolean component = i.type() == Interaction.MESSAGE_COMPONENT;
            if ((type == DEFERRED_UPDATE_MESSAGE || type == UPDATE_MESSAGE) && !component) {
                throw InvalidFormBody.of("type", "INTERACTION_RESPONSE_TYPE_INVALID",
                        "This response type is only valid for message components.");
            }
            return switch (type) {
                case CHANNEL_MESSAGE_WITH_SOURCE -> {
                    if (data.isEmpty()) {
                        throw new CannotSendEmptyMessage();
                    }
                    Message m = InteractionMessages.create(c, messages, i, data, data.flags(), 0, now);
                    InteractionStore.acknowledge(c, i.id(), type, m.id(), false);
                    yield new Answer(m, "MESSAGE_CREATE", i, false);
                }
                case DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE -> {
                    WebhookMessageBody loading = WebhookMessageBody.flagsOnly(data.flags());
                    Message m = InteractionMessages.create(c, messages, i, loading,
                            data.flags() | MessageExtras.LOADING, 0, now);
                    InteractionStore.acknowledge(c, i.id(), type, m.id(), true);
                    yield new Answer(m, "MESSAGE_CREATE", i, true);
                }
                case DEFERRED_UPDATE_MESSAGE -> {
                    InteractionStore.acknowledge(c, i.id(), type, i.messageId(), false);
                    yield new Answer(null, null, i, false);
                }
                default -> {
                    Message original = MessageStore.findWebhookMessage(c, i.messageId(), i.applicationId(), true);
                    if (original == null) {
                        throw new UnknownMessage();
                    }
                    Message m = messages.update(c, original, data, now);
                    InteractionStore.acknowledge(c, i.id(), type, m.id(), false);
                    yield new Answer(m, "MESSAGE_UPDATE", i, false);
                }
            };
        });
        messages.committed();
        if (a.message() != null) {
            messages.publish(a.event(), a.message(), a.interaction().userId());
        }
        LOG.debug("event=interaction_acknowledged interaction_id={} callback_type={}", interactionId, type);
        if (!withResponse) {
            return null;
        }
        ObjectNode out = Json.object();
        ObjectNode interaction = out.putObject("interaction");
        interaction.put("id", Json.id(interactionId));
        interaction.put("type", a.interaction().type());
        if (a.message() != null) {
            interaction.put("response_message_id", Json.id(a.message().id()));
            interaction.put("response_message_loading", a.loading());
            interaction.put("response_message_ephemeral", a.message().extras().ephemeral());
        }
        ObjectNode resource = out.putObject("resource");
        resource.put("type", type);
        if (type == CHANNEL_MESSAGE_WITH_SOURCE || type == UPDATE_MESSAGE) {
            resource.set("message", MessageViews.message(a.message(), null));
        }
        return out;
    }

    private static boolean expired(Interaction i, Instant now) {
        return i.createdAt().plus(TOKEN_LIFETIME).isBefore(now);
    }

    // ---------------------------------------------------------------------------------------------- follow-ups

    /** The interaction of a follow-up route, if acknowledged and its token still valid: else 10015 Unknown Webhook. */
    private static Interaction followupInteraction(Connection c, long applicationId, String token, Instant now)
            throws SQLException {
        Interaction i = InteractionStore.findByToken(c, applicationId, Tokens.hash(token));
        if (i == null || expired(i, now) || i.callbackType() == null) {
            throw new UnknownWebhook();
        }
        return i;
    }

    /**
     * {@code POST /webhooks/{application.id}/{token}}: a follow-up message (always returned, as with
     * {@code wait=true}). Right after a deferred response it completes the loading original instead.
     */
    public ObjectNode followup(long applicationId, String token, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        WebhookMessageBody data = WebhookMessageBody.parse(body, "", errors);
        errors.throwIfAny();
        if (data.isEmpty()) {
            throw new CannotSendEmptyMessage();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Sent(Message message, String event, long userId) {
        }
        Sent s = db.inTransaction(c -> {
            Interaction i = followupInteraction(c, applicationId, token, now);
            if (i.originalLoading()) {
                Message original = MessageStore.findWebhookMessage(c, i.originalMessageId(), applicationId, true);
                if (original == null) {
                    throw new UnknownMessage();
                }
                InteractionStore.originalCompleted(c, i.id());
                return new Sent(messages.update(c, original, data, now), "MESSAGE_UPDATE", i.userId());
            }
            Message m = InteractionMessages.create(c, messages, i, data, data.flags(), i.originalMessageId(), now);
            return new Sent(m, "MESSAGE_CREATE", i.userId());
        });
        messages.committed();
        messages.publish(s.event(), s.message(), s.userId());
        return MessageViews.message(s.message(), null);
    }

    /** {@code GET .../messages/{message.id}} ({@code @original} for the initial response). */
    public ObjectNode getMessage(long applicationId, String token, String messageRef) {
        Instant now = Instant.now();
        Message m = db.inTransaction(c -> message(c, followupInteraction(c, applicationId, token, now), messageRef,
                false));
        return MessageViews.message(m, null);
    }

    /** {@code PATCH .../messages/{message.id}}: content and components replaced where given. */
    public ObjectNode editMessage(long applicationId, String token, String messageRef, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        WebhookMessageBody data = WebhookMessageBody.parse(body, "", errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Edited(Message message, long userId) {
        }
        Edited e = db.inTransaction(c -> {
            Interaction i = followupInteraction(c, applicationId, token, now);
            Message m = message(c, i, messageRef, true);
            if (m.id() == i.originalMessageId() && i.originalLoading()) {
                InteractionStore.originalCompleted(c, i.id());
            }
            return new Edited(messages.update(c, m, data, now), i.userId());
        });
        messages.committed();
        messages.publish("MESSAGE_UPDATE", e.message(), e.userId());
        return MessageViews.message(e.message(), null);
    }

    /** {@code DELETE .../messages/{message.id}}: 204, MESSAGE_DELETE. */
    public void deleteMessage(long applicationId, String token, String messageRef) {
        Instant now = Instant.now();
        record Deleted(Message message, long userId) {
        }
        Deleted d = db.inTransaction(c -> {
            Interaction i = followupInteraction(c, applicationId, token, now);
            Message m = message(c, i, messageRef, true);
            messages.delete(c, m, now);
            return new Deleted(m, i.userId());
        });
        messages.committed();
        messages.publishDelete(d.message(), d.userId());
    }

    /** The interaction's message: {@code @original} or a follow-up id of this interaction; else 10008. */
    private static Message message(Connection c, Interaction i, String ref, boolean forUpdate) throws SQLException {
        long id;
        if ("@original".equals(ref)) {
            id = i.originalMessageId();
        } else {
            try {
                id = Long.parseUnsignedLong(ref);
            } catch (NumberFormatException e) {
                throw InvalidFormBody.of("message_id", "NUMBER_TYPE_COERCE", "Value \"" + ref + "\" is not snowflake.");
            }
        }
        Message m = id == 0 ? null : MessageStore.findWebhookMessage(c, id, i.applicationId(), forUpdate);
        if (m == null || !belongsTo(m, i)) {
            throw new UnknownMessage();
        }
        return m;
    }

    private static boolean belongsTo(Message m, Interaction i) {
        JsonNode meta = m.extras().interactionMetadata();
        return m.id() == i.originalMessageId()
                || (meta != null && meta.path("id").asText().equals(Json.id(i.id())));
    }

    /** Whether the id is an application's (follow-up routes share {@code /webhooks/{id}/{token}} with webhooks). */
    public boolean isApplication(long id) {
        return apps.find(id) != null;
    }

    /** The user who invoked, for messages' interaction metadata. */
    static ObjectNode metadata(Connection c, Interaction i, long originalMessageId) throws SQLException {
        User invoker = AuthService.findUser(c, i.userId());
        ObjectNode meta = Json.object();
        meta.put("id", Json.id(i.id()));
        meta.put("type", i.type());
        meta.set("user", UserViews.user(invoker));
        meta.putObject("authorizing_integration_owners").put("0", Json.id(i.guildId()));
        if (i.type() == Interaction.APPLICATION_COMMAND) {
            meta.put("name", i.commandName());
            meta.put("command_type", i.commandType());
        } else {
            meta.put("interacted_message_id", Json.id(i.messageId()));
        }
        if (originalMessageId != 0) {
            meta.put("original_response_message_id", Json.id(originalMessageId));
        }
        return meta;
    }
}

package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.automod.InlineAutoMod;
import dev.guildhall.core.automod.PendingVerdicts;
import dev.guildhall.core.automod.Screening;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.channels.Slowmode;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.db.DatabaseException;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.auth.UserViews;
import dev.guildhall.core.errors.BulkDeleteTooOld;
import dev.guildhall.core.errors.CannotEditOtherUsersMessage;
import dev.guildhall.core.errors.CannotSendEmptyMessage;
import dev.guildhall.core.errors.MessageBlockedByAutoMod;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MaxPinsReached;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.http.UploadedFile;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.threads.GuildThread;
import dev.guildhall.core.threads.ThreadActivity;
import dev.guildhall.core.threads.ThreadStore;
import dev.guildhall.core.threads.ThreadViews;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessagePinChanged;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.ReactionAdded;
import dev.guildhall.events.payload.ReactionRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Sending and reading messages. A sent message, its channel's last_message_id and its {@code message.created}
 * outbox row are written in one transaction; MESSAGE_CREATE is dispatched after the commit.
 */
public final class MessageService {
    private static final Logger LOG = LoggerFactory.getLogger(MessageService.class);
    public static final int MAX_CONTENT = 2000;
    public static final int MAX_NONCE = 25;
    /** Permission bit 13 (not yet named in {@link Permissions}). */
    static final long MANAGE_MESSAGES = 1L << 13;
    /** Intent bits of reaction and typing events. */
    static final int GUILD_MESSAGE_REACTIONS = Intents.GUILD_MESSAGE_REACTIONS;
    static final int GUILD_MESSAGE_TYPING = Intents.GUILD_MESSAGE_TYPING;

    private final Database db;
    private final Snowflakes ids;
    private final ChannelAccess access;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final String source;
    private final ThreadActivity threads;
    private final InlineAutoMod autoMod;

    public MessageService(Database db, Snowflakes ids, ChannelAccess access, OutboxWriter outbox, GuildEventBus bus,
                          String source, InlineAutoMod autoMod) {
        this.autoMod = autoMod;
        this.db = db;
        this.ids = ids;
        this.access = access;
        this.outbox = outbox;
        this.bus = bus;
        this.source = source;
        this.threads = new ThreadActivity(ids, outbox, bus, source);
    }

    /** A validated send request. */
    private record SendRequest(String content, String nonce, JsonNode rawNonce, boolean tts, boolean enforceNonce,
                               long referenceId, boolean failIfNotExists, ArrayNode embeds,
                               AllowedMentions allowedMentions, Attachments.Parsed files) {
        ArrayNode attachments() {
            return files.attachments();
        }
    }

    /** {@code POST /channels/{id}/messages}. Unknown fields are accepted and ignored, like Discord. */
    public ObjectNode send(Principal caller, long channelId, JsonNode body) {
        return send(caller, channelId, body, List.of());
    }

    /**
     * {@code POST /channels/{id}/messages} with the {@code files[n]} parts of a multipart body: their attachments
     * need ATTACH_FILES.
     */
    public ObjectNode send(Principal caller, long channelId, JsonNode body, List<UploadedFile> files) {
        SendRequest req = parse(body, files, channelId);
        long required = Permissions.SEND_MESSAGES;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long messageId = ids.next();
        record Sent(Message message, boolean created, Member member, int channelType, GuildThread unarchived,
                    Screening screening) {
        }
        Sent sent = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), required);
            if (req.enforceNonce() && req.nonce() != null) {
                Message existing = MessageStore.findByNonce(c, channelId, caller.userId(), req.nonce());
                if (existing != null) {
                    return new Sent(MessageStore.withReference(c, existing), false, null, grant.channel().type(),
                            null, Screening.NONE);
                }
            }
            Slowmode.claim(c, grant, caller, Slowmode.Action.MESSAGE, now);
            Member author = GuildStore.member(c, grant.guild().id(), caller.userId());
            Screening screening = autoMod.screen(c, grant, caller.user(), author, messageId, req.content(), now);
            if (screening.blocked()) {
                return new Sent(null, false, null, grant.channel().type(), null, screening);
            }
            GuildThread unarchived = threads.messageSent(c, grant, caller.userId(), now);
            Message m = new Message(messageId, channelId, grant.guild().id(), caller.user(), req.content(),
                    req.nonce(), req.tts(), now);
            ArrayNode embeds = allowedEmbeds(grant, req.embeds());
            if (embeds == null && req.content().isBlank() && req.attachments().isEmpty()) {
                throw new CannotSendEmptyMessage();
            }
            if (!req.attachments().isEmpty()) {
                if (!Permissions.has(grant.permissions(), Permissions.ATTACH_FILES)) {
                    throw new MissingPermissions();
                }
                m = m.withAttachments(req.attachments());
            }
            if (req.referenceId() != 0) {
                Message ref = MessageStore.find(c, channelId, req.referenceId());
                if (ref != null) {
                    m = m.withReference(ref.id(), ref);
                } else if (req.failIfNotExists()) {
                    throw InvalidFormBody.of("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                            "Unknown message");
                }
            }
            if (embeds != null) {
                m = m.withExtras(MessageExtras.ofUser(m.referenceId() != 0, embeds));
            }
            m = m.withMentions(ContentMentions.resolve(c, m.guildId(), m.content(), req.allowedMentions(),
                    grant.permissions(), m.referenced() == null ? 0 : m.referenced().author().id()));
            MessageStore.insert(c, m);
            PendingVerdicts.contentStored(c, messageId, null, screening);
            AttachmentStore.insert(c, messageId, channelId, req.files().added());
            String guildId = Json.id(m.guildId());
            EventEnvelope event = EventCodec.wrap(ids, source, guildId, now.toEpochMilli(),
                    new MessageCreated(Json.id(m.id()), Json.id(channelId), Json.id(caller.userId()),
                            caller.user().bot(), m.content(), m.content().codePointCount(0, m.content().length()),
                            now.toEpochMilli(), screening.modelPending()));
            outbox.append(c, event);
            return new Sent(m, true, author, grant.channel().type(), unarchived, screening);
        });
        sent.screening().afterCommit();
        if (sent.screening().blocked()) {
            throw new MessageBlockedByAutoMod();
        }
        ObjectNode json = MessageViews.message(sent.message(), req.rawNonce());
        if (sent.created()) {
            outbox.committed();
            setLastMessage(channelId, messageId);
            LOG.debug("event=message_created message_id={} channel_id={} guild_id={}", messageId, channelId,
                    sent.message().guildId());
            if (sent.unarchived() != null) {
                threads.announceUnarchived(sent.unarchived());
            }
            ObjectNode dispatch = json.deepCopy();
            if (sent.member() != null) {
                ObjectNode member = GuildViews.member(sent.member(), false);
                dispatch.set("member", member);
            }
            dispatch.put("channel_type", sent.channelType());
            bus.publish(sent.message().guildId(), new Dispatch("MESSAGE_CREATE", dispatch, Intents.GUILD_MESSAGES,
                    true, caller.userId(), channelId));
        }
        return json;
    }

    /**
     * Points the channel at its newest message after the post committed, as a statement of its own: inside the
     * post's transaction the channel row would stay locked until the commit and every post in the channel would
     * queue behind it. The update only moves forward (ChannelStore.setLastMessage), so posts committing out of id
     * order cannot move it back. A failure leaves the pointer behind (Discord documents last_message_id as possibly
     * stale) rather than failing a post that is already stored.
     */
    private void setLastMessage(long channelId, long messageId) {
        try {
            db.autoCommit(c -> {
                ChannelStore.setLastMessage(c, channelId, messageId);
                return null;
            });
        } catch (DatabaseException e) {
            LOG.warn("event=last_message_update_failed channel_id={} message_id={} error={}", channelId, messageId,
                    e.toString());
        }
    }

    private SendRequest parse(JsonNode body, List<UploadedFile> files, long channelId) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String content = Validation.optionalString(body, "content", errors);
        if (content != null && content.codePointCount(0, content.length()) > MAX_CONTENT) {
            errors.add("content", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CONTENT + " or fewer in length.");
        }
        JsonNode rawNonce = body.get("nonce");
        String nonce = null;
        if (rawNonce != null && !rawNonce.isNull()) {
            if (rawNonce.isTextual()) {
                nonce = Validation.storable(rawNonce.textValue(), "nonce", errors);
                if (nonce != null && nonce.length() > MAX_NONCE) {
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
        long referenceId = 0;
        boolean failIfNotExists = true;
        JsonNode reference = body.get("message_reference");
        if (reference != null && !reference.isNull()) {
            if (!reference.isObject()) {
                errors.add("message_reference", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
            } else {
                JsonNode refId = reference.get("message_id");
                String raw = refId == null || refId.isNull() ? null : refId.asText();
                referenceId = Validation.querySnowflake(raw, "message_reference.message_id", errors);
                if (raw == null) {
                    errors.add("message_reference.message_id", "BASE_TYPE_REQUIRED", "This field is required");
                }
                JsonNode fail = reference.get("fail_if_not_exists");
                if (fail != null && fail.isBoolean()) {
                    failIfNotExists = fail.booleanValue();
                }
                JsonNode type = reference.get("type");
                if (type != null && !type.isNull() && type.asInt(-1) != 0) {
                    // forwards (type 1) are not supported: only replies
                    errors.add("message_reference.type", "BASE_TYPE_CHOICES", "Value must be one of {0}.");
                }
            }
        }
        ArrayNode embeds = embeds(body, errors);
        AllowedMentions allowedMentions = AllowedMentions.parse(body, errors);
        Attachments.Parsed attachments = Attachments.parse(body, files, Json.array(), channelId, ids, errors);
        errors.throwIfAny();
        if ((content == null || content.isBlank()) && embeds == null && attachments.attachments().isEmpty()) {
            throw new CannotSendEmptyMessage();
        }
        return new SendRequest(content == null ? "" : content, nonce, rawNonce, tts, enforceNonce, referenceId,
                failIfNotExists, embeds, allowedMentions, attachments);
    }

    /** The body's {@code embeds} validated as Discord limits them; null when absent, null or empty. */
    private static ArrayNode embeds(JsonNode body, InvalidFormBody.Builder errors) {
        JsonNode raw = body.get("embeds");
        if (raw == null || raw.isNull()) {
            return null;
        }
        ArrayNode embeds = Embeds.parse(raw, "embeds", errors);
        return embeds.isEmpty() ? null : embeds;
    }

    /**
     * Without EMBED_LINKS in the channel Discord drops a user's embeds without an error (the message is sent without
     * them; with nothing else in it that is 50006 Cannot send an empty message).
     */
    private static ArrayNode allowedEmbeds(ChannelGrant grant, ArrayNode embeds) {
        return embeds != null && Permissions.has(grant.permissions(), Permissions.EMBED_LINKS) ? embeds : null;
    }

    /**
     * {@code GET /channels/{id}/messages?limit=&before=&after=&around=}: newest first. {@code around} wins over
     * {@code before}/{@code after} (Discord documents them as mutually exclusive).
     */
    public ArrayNode list(Principal caller, long channelId, String limitParam, String beforeParam,
                          String afterParam, String aroundParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = Validation.queryInt(limitParam, "limit", 1, 100, 50, errors);
        long before = Validation.querySnowflake(beforeParam, "before", errors);
        long after = Validation.querySnowflake(afterParam, "after", errors);
        long around = Validation.querySnowflake(aroundParam, "around", errors);
        errors.throwIfAny();
        record Page(List<Message> messages, Map<Long, List<MessageStore.ReactionCount>> reactions,
                    Map<Long, GuildThread> threads) {
        }
        Page page = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            List<Message> ms = MessageStore.withReferences(c, around > 0
                    ? MessageStore.pageAround(c, channelId, around, limit)
                    : MessageStore.page(c, channelId, before, after, limit));
            List<Long> msgIds = ms.stream().map(Message::id).toList();
            return new Page(ms, MessageStore.reactions(c, msgIds, caller.userId()),
                    ThreadStore.startedFrom(c, channelId, msgIds));
        });
        ArrayNode out = Json.array();
        page.messages().forEach(m -> out.add(withThread(MessageViews.message(m, null, page.reactions().get(m.id())),
                page.threads().get(m.id()))));
        return out;
    }

    public ArrayNode list(Principal caller, long channelId, String limitParam, String beforeParam,
                          String afterParam) {
        return list(caller, channelId, limitParam, beforeParam, afterParam, null);
    }

    /** {@code GET /channels/{id}/messages/{message_id}}. */
    public ObjectNode get(Principal caller, long channelId, long messageId) {
        record Found(Message message, List<MessageStore.ReactionCount> reactions, GuildThread thread) {
        }
        Found f = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            Message m = MessageStore.withReference(c, MessageStore.find(c, channelId, messageId));
            return m == null ? null : new Found(m,
                    MessageStore.reactions(c, List.of(m.id()), caller.userId()).get(m.id()),
                    ThreadStore.startedFrom(c, channelId, List.of(m.id())).get(m.id()));
        });
        if (f == null) {
            throw new UnknownMessage();
        }
        return withThread(MessageViews.message(f.message(), null, f.reactions()), f.thread());
    }

    /** A thread's starter message carries the thread and the HAS_THREAD flag. */
    private static ObjectNode withThread(ObjectNode message, GuildThread thread) {
        return thread == null ? message : ThreadViews.starter(message, thread);
    }

    /**
     * {@code PATCH /channels/{id}/messages/{message_id}}: only the author may change the content (50005 otherwise);
     * sets edited_timestamp; MESSAGE_UPDATE after the commit. A body without {@code content} or {@code embeds} changes
     * nothing; {@code embeds} replaces the embeds (null or [] removes them; dropped without EMBED_LINKS).
     */
    public ObjectNode edit(Principal caller, long channelId, long messageId, JsonNode body) {
        return edit(caller, channelId, messageId, body, List.of());
    }

    /**
     * The edit with the {@code files[n]} parts of a multipart body; {@code attachments} lists the attachments to
     * keep (by id) and names the new files.
     */
    public ObjectNode edit(Principal caller, long channelId, long messageId, JsonNode body,
                           List<UploadedFile> files) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String content = Validation.optionalString(body, "content", errors);
        if (content != null && content.codePointCount(0, content.length()) > MAX_CONTENT) {
            errors.add("content", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CONTENT + " or fewer in length.");
        }
        boolean embedsGiven = body.has("embeds");
        ArrayNode newEmbeds = embeds(body, errors);
        AllowedMentions allowedMentions = AllowedMentions.parse(body, errors);
        errors.throwIfAny();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Edited(Message message, boolean changed, Member member, int channelType,
                      List<MessageStore.ReactionCount> reactions, Screening screening) {
        }
        Edited e = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), 0);
            threads.requireWritable(c, grant);
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (m.author().id() != caller.userId()) {
                throw new CannotEditOtherUsersMessage();
            }
            List<MessageStore.ReactionCount> reactions =
                    MessageStore.reactions(c, List.of(m.id()), caller.userId()).get(m.id());
            boolean attachmentsGiven = Attachments.given(body, files);
            ArrayNode attachments = m.attachments();
            Attachments.Parsed parsed = Attachments.Parsed.none();
            if (attachmentsGiven) {
                InvalidFormBody.Builder attachmentErrors = InvalidFormBody.builder();
                parsed = Attachments.parse(body, files, m.attachments(), channelId, ids, attachmentErrors);
                attachmentErrors.throwIfAny();
                attachments = parsed.attachments();
                if (!files.isEmpty() && !Permissions.has(grant.permissions(), Permissions.ATTACH_FILES)) {
                    throw new MissingPermissions();
                }
            }
            if (content == null && !embedsGiven && !attachmentsGiven) {
                return new Edited(MessageStore.withReference(c, m), false, null, grant.channel().type(), reactions,
                        Screening.NONE);
            }
            String newContent = content != null ? content : m.content();
            JsonNode embeds = embedsGiven ? allowedEmbeds(grant, newEmbeds)
                    : m.extras() == null ? null : m.extras().embeds();
            if (newContent.isBlank() && embeds == null && attachments.isEmpty()) {
                throw new CannotSendEmptyMessage();
            }
            Member author = GuildStore.member(c, m.guildId(), caller.userId());
            Screening screening = content == null ? Screening.NONE
                    : autoMod.screen(c, grant, caller.user(), author, messageId, content, now);
            if (screening.blocked()) {
                return new Edited(m, false, null, grant.channel().type(), reactions, screening);
            }
            MessageStore.updateContent(c, messageId, newContent, now);
            Message updated = MessageStore.withReference(c, m).withContent(newContent, now);
            if (content != null) {
                PendingVerdicts.contentStored(c, messageId, now, screening);
                Mentions mentions = ContentMentions.resolve(c, m.guildId(), newContent, allowedMentions,
                        grant.permissions(), repliedMentioned(updated));
                MessageStore.updateMentions(c, messageId, mentions);
                updated = updated.withMentions(mentions);
            }
            if (attachmentsGiven) {
                MessageStore.updateAttachments(c, messageId, attachments);
                AttachmentStore.retainOnly(c, messageId, Attachments.ids(attachments));
                AttachmentStore.insert(c, messageId, channelId, parsed.added());
                updated = updated.withAttachments(attachments);
            }
            if (embedsGiven) {
                MessageExtras x = m.extras();
                MessageExtras withEmbeds = x != null ? x.withEmbeds(embeds)
                        : MessageExtras.ofUser(m.referenceId() != 0, embeds);
                MessageStore.updateEmbeds(c, messageId, embeds, withEmbeds.type());
                updated = updated.withExtras(withEmbeds);
            }
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageUpdated(Json.id(m.id()), Json.id(channelId), Json.id(caller.userId()),
                            caller.user().bot(), newContent, newContent.codePointCount(0, newContent.length()),
                            now.toEpochMilli(), m.createdAt().toEpochMilli(), screening.modelPending())));
            return new Edited(updated, true, author,
                    grant.channel().type(), reactions, screening);
        });
        e.screening().afterCommit();
        if (e.screening().blocked()) {
            throw new MessageBlockedByAutoMod();
        }
        ObjectNode json = MessageViews.message(e.message(), null, e.reactions());
        if (e.changed()) {
            outbox.committed();
            LOG.debug("event=message_updated message_id={} channel_id={}", messageId, channelId);
            ObjectNode dispatch = MessageViews.message(e.message(), null);
            if (e.member() != null) {
                dispatch.set("member", GuildViews.member(e.member(), false));
            }
            dispatch.put("channel_type", e.channelType());
            bus.publish(e.message().guildId(), new Dispatch("MESSAGE_UPDATE", dispatch, Intents.GUILD_MESSAGES,
                    true, caller.userId(), channelId));
        }
        return json;
    }

    /** The author of the message this one replies to when the reply mentioned them, else 0. */
    private static long repliedMentioned(Message m) {
        if (m.referenced() == null) {
            return 0;
        }
        String author = Json.id(m.referenced().author().id());
        for (JsonNode u : m.mentions().users()) {
            if (author.equals(u.path("id").asText())) {
                return m.referenced().author().id();
            }
        }
        return 0;
    }

    /** {@code DELETE /channels/{id}/messages/{message_id}}: the author, or MANAGE_MESSAGES in the channel. */
    public void delete(Principal caller, long channelId, long messageId) {
        Instant now = Instant.now();
        Message deleted = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), 0);
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (m.author().id() != caller.userId() && !Permissions.has(grant.permissions(), MANAGE_MESSAGES)) {
                throw new MissingPermissions();
            }
            MessageStore.delete(c, messageId);
            ThreadStore.messagesDeleted(c, channelId, 1);
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessageDeleted(Json.id(m.id()), Json.id(channelId), Json.id(m.author().id()),
                            Json.id(caller.userId()), now.toEpochMilli())));
            return m;
        });
        outbox.committed();
        LOG.debug("event=message_deleted message_id={} channel_id={}", messageId, channelId);
        ObjectNode d = Json.object();
        d.put("id", Json.id(messageId));
        d.put("channel_id", Json.id(channelId));
        d.put("guild_id", Json.id(deleted.guildId()));
        bus.publish(deleted.guildId(), new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0, channelId));
    }

    /**
     * {@code PUT .../reactions/{emoji}/@me}: READ_MESSAGE_HISTORY, plus ADD_REACTIONS when nobody has reacted with
     * this emoji yet. Reacting twice is a no-op (204, no event).
     */
    public void addReaction(Principal caller, long channelId, long messageId, String rawEmoji) {
        Emoji emoji = Emoji.parse(rawEmoji);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Added(Message message, Member member) {
        }
        Added added = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            threads.requireWritable(c, grant);
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (!MessageStore.hasReaction(c, messageId, emoji)
                    && !Permissions.has(grant.permissions(), Permissions.ADD_REACTIONS)) {
                throw new MissingPermissions();
            }
            if (!MessageStore.addReaction(c, messageId, emoji, caller.userId(), now)) {
                return null;
            }
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new ReactionAdded(Json.id(messageId), Json.id(channelId), Json.id(caller.userId()),
                            emoji.id() == 0 ? null : Json.id(emoji.id()), emoji.name(), now.toEpochMilli())));
            return new Added(m, GuildStore.member(c, m.guildId(), caller.userId()));
        });
        if (added == null) {
            return;
        }
        outbox.committed();
        ObjectNode d = reactionDispatch(caller.userId(), added.message(), emoji);
        if (added.member() != null) {
            d.set("member", GuildViews.member(added.member(), true));
        }
        d.put("message_author_id", Json.id(added.message().author().id()));
        d.putArray("burst_colors");
        bus.publish(added.message().guildId(), new Dispatch("MESSAGE_REACTION_ADD", d, GUILD_MESSAGE_REACTIONS,
                false, 0, channelId));
    }

    /** {@code DELETE .../reactions/{emoji}/@me}: 204 whether or not the reaction was there. */
    public void removeReaction(Principal caller, long channelId, long messageId, String rawEmoji) {
        Emoji emoji = Emoji.parse(rawEmoji);
        Instant now = Instant.now();
        Message removedFrom = db.inTransaction(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if (!MessageStore.removeReaction(c, messageId, emoji, caller.userId())) {
                return null;
            }
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new ReactionRemoved(Json.id(messageId), Json.id(channelId), Json.id(caller.userId()),
                            emoji.id() == 0 ? null : Json.id(emoji.id()), emoji.name(), now.toEpochMilli())));
            return m;
        });
        if (removedFrom == null) {
            return;
        }
        outbox.committed();
        bus.publish(removedFrom.guildId(), new Dispatch("MESSAGE_REACTION_REMOVE",
                reactionDispatch(caller.userId(), removedFrom, emoji), GUILD_MESSAGE_REACTIONS, false, 0, channelId));
    }

    /**
     * {@code DELETE .../reactions/{emoji}/{user_id}}: another user's reaction (MANAGE_MESSAGES);
     * {@code user_id == caller} behaves like {@code @me}.
     */
    public void removeUserReaction(Principal caller, long channelId, long messageId, String rawEmoji, long userId) {
        if (userId == caller.userId()) {
            removeReaction(caller, channelId, messageId, rawEmoji);
            return;
        }
        Emoji emoji = Emoji.parse(rawEmoji);
        removeReactions(caller, channelId, messageId, emoji, userId);
    }

    /**
     * {@code DELETE .../reactions} (all) and {@code DELETE .../reactions/{emoji}} (one emoji): MANAGE_MESSAGES; 204;
     * MESSAGE_REACTION_REMOVE_ALL / MESSAGE_REACTION_REMOVE_EMOJI, and a {@code reaction.removed} event per removed
     * reaction.
     */
    public void removeAllReactions(Principal caller, long channelId, long messageId, String rawEmoji) {
        Emoji emoji = rawEmoji == null ? null : Emoji.parse(rawEmoji);
        removeReactions(caller, channelId, messageId, emoji, 0);
    }

    /** userId != 0: that user's reaction with {@code emoji}; else all (of {@code emoji}, or every emoji). */
    private void removeReactions(Principal caller, long channelId, long messageId, Emoji emoji, long userId) {
        Instant now = Instant.now();
        Message m = db.inTransaction(c -> {
            access.require(c, channelId, caller.userId(), MANAGE_MESSAGES);
            Message msg = MessageStore.findForUpdate(c, channelId, messageId);
            if (msg == null) {
                throw new UnknownMessage();
            }
            List<Map.Entry<Long, Emoji>> removed;
            if (userId != 0) {
                removed = MessageStore.removeReaction(c, messageId, emoji, userId)
                        ? List.of(Map.entry(userId, emoji)) : List.of();
            } else {
                removed = MessageStore.removeReactions(c, messageId, emoji);
            }
            for (Map.Entry<Long, Emoji> r : removed) {
                Emoji e = r.getValue();
                outbox.append(c, EventCodec.wrap(ids, source, Json.id(msg.guildId()), now.toEpochMilli(),
                        new ReactionRemoved(Json.id(messageId), Json.id(channelId), Json.id(r.getKey()),
                                e.id() == 0 ? null : Json.id(e.id()), e.name(), now.toEpochMilli())));
            }
            return removed.isEmpty() && userId != 0 ? null : msg;
        });
        if (m == null) {
            return;
        }
        outbox.committed();
        if (userId != 0) {
            bus.publish(m.guildId(), new Dispatch("MESSAGE_REACTION_REMOVE", reactionDispatch(userId, m, emoji),
                    GUILD_MESSAGE_REACTIONS, false, 0, m.channelId()));
            return;
        }
        ObjectNode d = Json.object();
        d.put("channel_id", Json.id(channelId));
        d.put("message_id", Json.id(messageId));
        d.put("guild_id", Json.id(m.guildId()));
        if (emoji != null) {
            d.set("emoji", emoji.json());
        }
        bus.publish(m.guildId(), new Dispatch(emoji != null ? "MESSAGE_REACTION_REMOVE_EMOJI"
                : "MESSAGE_REACTION_REMOVE_ALL", d, GUILD_MESSAGE_REACTIONS, false, 0, m.channelId()));
    }

    /**
     * {@code POST /channels/{id}/messages/bulk-delete} {@code {"messages":[ids]}}: 2–100 distinct ids, none older
     * than 14 days (50034); MANAGE_MESSAGES; ids that are not messages of the channel count but are skipped; 204;
     * MESSAGE_DELETE_BULK and a {@code message.deleted} event per deleted message.
     */
    public void bulkDelete(Principal caller, long channelId, JsonNode body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        JsonNode arr = body.get("messages");
        java.util.LinkedHashSet<Long> wanted = new java.util.LinkedHashSet<>();
        if (arr == null || arr.isNull()) {
            errors.add("messages", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!arr.isArray()) {
            errors.add("messages", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        } else {
            if (arr.size() < 2 || arr.size() > 100) {
                errors.add("messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length.");
            }
            for (int i = 0; i < arr.size(); i++) {
                String raw = arr.get(i).isValueNode() ? arr.get(i).asText() : arr.get(i).toString();
                long id = Validation.parseSnowflake(raw);
                if (id < 0) {
                    Validation.notSnowflake("messages." + i, raw, errors);
                } else if (!wanted.add(id)) {
                    errors.add("messages." + i, "BULK_DELETE_DUPLICATE", "Duplicate message id.");
                }
            }
        }
        errors.throwIfAny();
        long oldest = System.currentTimeMillis() - java.time.Duration.ofDays(14).toMillis();
        for (long id : wanted) {
            if (Snowflakes.timestampOf(id) < oldest) {
                throw new BulkDeleteTooOld();
            }
        }
        Instant now = Instant.now();
        record Bulk(long guildId, Map<Long, Long> deleted) {
        }
        Bulk b = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), MANAGE_MESSAGES);
            Map<Long, Long> deleted = MessageStore.deleteMany(c, channelId, wanted);
            ThreadStore.messagesDeleted(c, channelId, deleted.size());
            for (Map.Entry<Long, Long> e : deleted.entrySet()) {
                outbox.append(c, EventCodec.wrap(ids, source, Json.id(grant.guild().id()), now.toEpochMilli(),
                        new MessageDeleted(Json.id(e.getKey()), Json.id(channelId), Json.id(e.getValue()),
                                Json.id(caller.userId()), now.toEpochMilli())));
            }
            return new Bulk(grant.guild().id(), deleted);
        });
        if (b.deleted().isEmpty()) {
            return;
        }
        outbox.committed();
        ObjectNode d = Json.object();
        ArrayNode idsNode = d.putArray("ids");
        b.deleted().keySet().forEach(id -> idsNode.add(Json.id(id)));
        d.put("channel_id", Json.id(channelId));
        d.put("guild_id", Json.id(b.guildId()));
        bus.publish(b.guildId(), new Dispatch("MESSAGE_DELETE_BULK", d, Intents.GUILD_MESSAGES, false, 0, channelId));
    }

    /** Discord's limit of pinned messages per channel (30003 beyond). */
    public static final int MAX_PINS = 250;
    /** Pins the deprecated {@code GET /channels/{id}/pins} lists, and the most a page of pins holds. */
    public static final int PINS_PER_PAGE = 50;

    /**
     * {@code PUT /channels/{id}/pins/{message_id}} (pinned = true) and {@code DELETE} (false): MANAGE_MESSAGES;
     * 204; 30003 beyond 250 pins; pinning a pinned message (or unpinning an unpinned one) changes nothing.
     * MESSAGE_UPDATE and CHANNEL_PINS_UPDATE after the commit, {@code message.pin_changed} on Kafka.
     */
    public void setPinned(Principal caller, long channelId, long messageId, boolean pinned) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record PinChange(Message message, Instant lastPin, int channelType) {
        }
        PinChange p = db.inTransaction(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), MANAGE_MESSAGES);
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null) {
                throw new UnknownMessage();
            }
            if ((m.pinnedAt() != null) == pinned) {
                return null;
            }
            List<Message> current = MessageStore.pins(c, channelId, MAX_PINS + 1);
            if (pinned && current.size() >= MAX_PINS) {
                throw new MaxPinsReached();
            }
            MessageStore.setPinned(c, messageId, pinned ? now : null);
            outbox.append(c, EventCodec.wrap(ids, source, Json.id(m.guildId()), now.toEpochMilli(),
                    new MessagePinChanged(Json.id(messageId), Json.id(channelId), pinned, Json.id(caller.userId()),
                            now.toEpochMilli())));
            Instant lastPin = pinned ? now : current.stream().filter(x -> x.id() != messageId).findFirst()
                    .map(Message::pinnedAt).orElse(null);
            return new PinChange(MessageStore.withReference(c, m).withPinnedAt(pinned ? now : null), lastPin,
                    grant.channel().type());
        });
        if (p == null) {
            return;
        }
        outbox.committed();
        Message m = p.message();
        ObjectNode update = MessageViews.message(m, null);
        update.put("channel_type", p.channelType());
        bus.publish(m.guildId(), new Dispatch("MESSAGE_UPDATE", update, Intents.GUILD_MESSAGES, true,
                m.author().id(), m.channelId()));
        ObjectNode d = Json.object();
        d.put("guild_id", Json.id(m.guildId()));
        d.put("channel_id", Json.id(channelId));
        if (p.lastPin() != null) {
            d.put("last_pin_timestamp", Json.timestamp(p.lastPin()));
        } else {
            d.putNull("last_pin_timestamp");
        }
        bus.publish(m.guildId(), new Dispatch("CHANNEL_PINS_UPDATE", d, Intents.GUILDS, false, 0, m.channelId()));
    }

    /** {@code GET /channels/{id}/pins} (deprecated): the first 50 pinned messages, most recently pinned first. */
    public ArrayNode pins(Principal caller, long channelId) {
        record Pins(List<Message> messages, Map<Long, List<MessageStore.ReactionCount>> reactions) {
        }
        Pins p = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            List<Message> ms = MessageStore.withReferences(c, MessageStore.pins(c, channelId, PINS_PER_PAGE));
            return new Pins(ms, MessageStore.reactions(c, ms.stream().map(Message::id).toList(), caller.userId()));
        });
        ArrayNode out = Json.array();
        p.messages().forEach(m -> out.add(MessageViews.message(m, null, p.reactions().get(m.id()))));
        return out;
    }

    /**
     * {@code GET /channels/{id}/messages/pins?before=&limit=} (Discord's paginated pins): {@code {"items":
     * [{"pinned_at","message"}], "has_more"}}, most recently pinned first; {@code before} is an ISO-8601 timestamp,
     * {@code limit} 1–50 (default 50).
     */
    public ObjectNode pinPage(Principal caller, long channelId, String beforeParam, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = Validation.queryInt(limitParam, "limit", 1, PINS_PER_PAGE, PINS_PER_PAGE, errors);
        Instant before = null;
        if (beforeParam != null && !beforeParam.isEmpty()) {
            try {
                before = java.time.OffsetDateTime.parse(beforeParam).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                errors.add("before", "DATE_TYPE_PARSE", "Could not parse " + beforeParam + ". Should be ISO8601.");
            }
        }
        errors.throwIfAny();
        Instant bound = before;
        int n = limit;
        record Pins(List<Message> messages, Map<Long, List<MessageStore.ReactionCount>> reactions) {
        }
        Pins p = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            List<Message> ms = MessageStore.withReferences(c, MessageStore.pins(c, channelId, bound, n + 1));
            return new Pins(ms, MessageStore.reactions(c, ms.stream().map(Message::id).toList(), caller.userId()));
        });
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("items");
        List<Message> page = p.messages().subList(0, Math.min(n, p.messages().size()));
        for (Message m : page) {
            ObjectNode item = items.addObject();
            item.put("pinned_at", Json.timestamp(m.pinnedAt()));
            item.set("message", MessageViews.message(m, null, p.reactions().get(m.id())));
        }
        out.put("has_more", p.messages().size() > n);
        return out;
    }

    private static ObjectNode reactionDispatch(long userId, Message m, Emoji emoji) {
        ObjectNode d = Json.object();
        d.put("user_id", Json.id(userId));
        d.put("channel_id", Json.id(m.channelId()));
        d.put("message_id", Json.id(m.id()));
        d.put("guild_id", Json.id(m.guildId()));
        d.set("emoji", emoji.json());
        d.put("burst", false);
        d.put("type", 0);
        return d;
    }

    /** {@code GET .../reactions/{emoji}?limit=&after=}: the users who reacted, by id. */
    public ArrayNode reactionUsers(Principal caller, long channelId, long messageId, String rawEmoji,
                                   String limitParam, String afterParam) {
        Emoji emoji = Emoji.parse(rawEmoji);
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        int limit = Validation.queryInt(limitParam, "limit", 1, 100, 25, errors);
        long after = Validation.querySnowflake(afterParam, "after", errors);
        errors.throwIfAny();
        List<User> users = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            if (MessageStore.find(c, channelId, messageId) == null) {
                throw new UnknownMessage();
            }
            return MessageStore.reactionUsers(c, messageId, emoji, after, limit);
        });
        ArrayNode out = Json.array();
        users.forEach(u -> out.add(UserViews.user(u)));
        return out;
    }

    /** {@code POST /channels/{id}/typing}: SEND_MESSAGES; TYPING_START to the guild (no state, no event). */
    public void typing(Principal caller, long channelId) {
        record Typing(long guildId, Member member) {
        }
        Typing t = db.read(c -> {
            ChannelGrant grant = access.require(c, channelId, caller.userId(), Permissions.SEND_MESSAGES);
            return new Typing(grant.guild().id(), GuildStore.member(c, grant.guild().id(), caller.userId()));
        });
        ObjectNode d = Json.object();
        d.put("channel_id", Json.id(channelId));
        d.put("guild_id", Json.id(t.guildId()));
        d.put("user_id", Json.id(caller.userId()));
        d.put("timestamp", Instant.now().getEpochSecond());
        if (t.member() != null) {
            d.set("member", GuildViews.member(t.member(), true));
        }
        bus.publish(t.guildId(), new Dispatch("TYPING_START", d, GUILD_MESSAGE_TYPING, false, 0, channelId));
    }
}

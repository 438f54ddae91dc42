package dev.guildhall.core.reviewqueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.bans.BanService;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.MissingPermissions;
import dev.guildhall.core.errors.ReviewItemClaimed;
import dev.guildhall.core.errors.ReviewItemResolved;
import dev.guildhall.core.errors.UnknownReviewItem;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import dev.guildhall.core.members.MemberService;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.moderation.GuildActor;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.threads.ThreadStore;
import dev.guildhall.events.payload.AutoModReviewResolved;
import dev.guildhall.events.payload.MessageDeleted;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moderation review queue over the items AutoMod opens (FLAG_TO_QUEUE and BLOCK_MESSAGE): list, read with the
 * message's channel context and the author's history, claim, resolve (approve, remove, timeout, kick, ban) and bulk
 * resolve, and the decisions export. Reading, claiming, approving and removing need MANAGE_MESSAGES or
 * MODERATE_MEMBERS in the guild; timeout, kick and ban also the action's own permission, and go through
 * {@link MemberService} and {@link BanService} with the caller, so the role hierarchy and their audit entries and
 * moderation events apply unchanged. Every resolution writes audit entry {@link #AUDIT_QUEUE_RESOLVE} and an
 * {@code automod.review_resolved} event in the transaction that records it.
 */
public final class ReviewQueueService {
    /** Guildhall's audit log action type of a review-queue resolution (Discord has none; beyond its values). */
    public static final int AUDIT_QUEUE_RESOLVE = 1000;
    /** How long a claim holds an item when its moderator neither resolves nor releases it. */
    public static final Duration CLAIM_TTL = Duration.ofMinutes(10);
    public static final int MAX_BULK = 100;
    public static final int MAX_REASON = AuditReason.MAX_LENGTH;
    public static final int CONTEXT_MESSAGES = 11;
    public static final int HISTORY_ITEMS = 20;
    public static final int HISTORY_MESSAGES = 20;
    public static final int MAX_EXPORT = 100_000;
    /** Discord's longest timeout in seconds (28 days). */
    public static final int MAX_TIMEOUT_SECONDS = (int) MemberService.MAX_TIMEOUT.toSeconds();
    private static final long QUEUE_PERMISSIONS = Permissions.MANAGE_MESSAGES | Permissions.MODERATE_MEMBERS;

    private final Database db;
    private final PermissionCalculator permissions;
    private final ChannelAccess access;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final MemberService members;
    private final BanService bans;
    private final Duration claimTtl;
    private final MeterRegistry registry;

    public ReviewQueueService(Database db, PermissionCalculator permissions, ChannelAccess access,
                              ChangeRecorder recorder, GuildEventBus bus, MemberService members, BanService bans,
                              Duration claimTtl, MeterRegistry registry) {
        this.db = db;
        this.permissions = permissions;
        this.access = access;
        this.recorder = recorder;
        this.bus = bus;
        this.members = members;
        this.bans = bans;
        this.claimTtl = claimTtl;
        this.registry = registry;
    }

    /** The caller as a moderator of the guild: 10004 / 50001 as usual, 50013 without a queue permission. */
    private GuildActor moderator(Connection c, long guildId, Principal caller) throws SQLException {
        GuildActor actor = GuildActor.of(c, permissions, guildId, caller.userId());
        if ((actor.permissions() & QUEUE_PERMISSIONS) == 0 && !actor.isOwner()) {
            throw new MissingPermissions();
        }
        return actor;
    }

    /** Which channels the caller may view, asked once per channel. */
    private final class Visibility {
        private final Connection c;
        private final long userId;
        private final Map<Long, Boolean> seen = new HashMap<>();

        Visibility(Connection c, long userId) {
            this.c = c;
            this.userId = userId;
        }

        boolean canView(long channelId) throws SQLException {
            Boolean v = seen.get(channelId);
            if (v == null) {
                v = access.canView(c, channelId, userId);
                seen.put(channelId, v);
            }
            return v;
        }
    }

    /** {@code GET .../queue}: {@code {"items": [...], "total_results": n}}. */
    public ObjectNode list(Principal caller, long guildId, ReviewQuery query) {
        Instant now = Instant.now();
        return db.read(c -> {
            moderator(c, guildId, caller);
            Visibility visibility = new Visibility(c, caller.userId());
            ObjectNode out = Json.object();
            ArrayNode items = out.putArray("items");
            for (ReviewItem i : ReviewItemStore.page(c, guildId, query)) {
                items.add(ReviewViews.item(i, visibility.canView(i.channelId()), now));
            }
            out.put("total_results", ReviewItemStore.count(c, guildId, query));
            return out;
        });
    }

    /**
     * {@code GET .../queue/{id}}: the item, {@code context} (the messages around it in its channel, newest first;
     * null when the caller cannot view the channel) and {@code author_history} (the author's earlier items and
     * recent messages in the guild, in channels the caller can view).
     */
    public ObjectNode get(Principal caller, long guildId, long itemId) {
        Instant now = Instant.now();
        return db.read(c -> {
            moderator(c, guildId, caller);
            ReviewItem item = ReviewItemStore.find(c, guildId, itemId);
            if (item == null) {
                throw new UnknownReviewItem();
            }
            Visibility visibility = new Visibility(c, caller.userId());
            boolean visible = visibility.canView(item.channelId());
            ObjectNode out = ReviewViews.item(item, visible, now);
            if (visible) {
                ArrayNode context = out.putArray("context");
                for (Message m : MessageStore.pageAround(c, item.channelId(), item.messageId(), CONTEXT_MESSAGES)) {
                    context.add(MessageViews.message(m, null));
                }
            } else {
                out.putNull("context");
            }
            ObjectNode history = out.putObject("author_history");
            ArrayNode earlier = history.putArray("items");
            for (ReviewItem i : ReviewItemStore.authorItems(c, guildId, item.author().id(), item.id(),
                    HISTORY_ITEMS)) {
                earlier.add(ReviewViews.item(i, visibility.canView(i.channelId()), now));
            }
            ArrayNode messages = history.putArray("messages");
            for (ReviewItemStore.AuthorMessage m : ReviewItemStore.authorMessages(c, guildId, item.author().id(),
                    HISTORY_MESSAGES * 3)) {
                if (messages.size() < HISTORY_MESSAGES && visibility.canView(m.channelId())) {
                    messages.addObject().put("id", Json.id(m.id())).put("channel_id", Json.id(m.channelId()))
                            .put("content", m.content()).put("timestamp", Json.timestamp(m.createdAt()));
                }
            }
            return out;
        });
    }

    /**
     * {@code POST .../queue/{id}/claim}: the caller holds the item for {@link #claimTtl} (claiming again extends
     * it). Atomic: of two moderators claiming at once exactly one wins; the other gets {@link ReviewItemClaimed}.
     */
    public ObjectNode claim(Principal caller, long guildId, long itemId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReviewItem item = db.autoCommit(c -> {
            moderator(c, guildId, caller);
            takeClaim(c, guildId, itemId, caller.userId(), now);
            return ReviewItemStore.find(c, guildId, itemId);
        });
        return db.read(c -> ReviewViews.item(item, access.canView(c, item.channelId(), caller.userId()), now));
    }

    private void takeClaim(Connection c, long guildId, long itemId, long userId, Instant now) throws SQLException {
        if (ReviewItemStore.claim(c, guildId, itemId, userId, now, now.plus(claimTtl))) {
            registry.counter("guildhall_review_queue_claims_total", "outcome", "claimed").increment();
            return;
        }
        ReviewItem current = ReviewItemStore.find(c, guildId, itemId);
        if (current == null) {
            throw new UnknownReviewItem();
        }
        if (!current.pending()) {
            throw new ReviewItemResolved();
        }
        registry.counter("guildhall_review_queue_claims_total", "outcome", "conflict").increment();
        throw new ReviewItemClaimed(current.claimedBy(), current.claimExpiresAt());
    }

    /** {@code DELETE .../queue/{id}/claim}: releases the caller's claim; 409 when another moderator holds it. */
    public void release(Principal caller, long guildId, long itemId) {
        Instant now = Instant.now();
        db.autoCommit(c -> {
            moderator(c, guildId, caller);
            if (ReviewItemStore.release(c, guildId, itemId, caller.userId())) {
                return null;
            }
            ReviewItem current = ReviewItemStore.find(c, guildId, itemId);
            if (current == null) {
                throw new UnknownReviewItem();
            }
            if (!current.pending()) {
                throw new ReviewItemResolved();
            }
            if (current.claimedByOther(caller.userId(), now)) {
                throw new ReviewItemClaimed(current.claimedBy(), current.claimExpiresAt());
            }
            return null; // not claimed (or the caller's lapsed claim): nothing to release
        });
    }

    /** A parsed resolve body. */
    record Resolution(ReviewAction action, String reason, Integer durationSeconds, Integer deleteMessageSeconds) {
    }

    /** Reads {@code {action, reason?, duration_seconds?, delete_message_seconds?}}; the header reason is the fallback. */
    static Resolution parseResolution(JsonNode body, String headerReason, InvalidFormBody.Builder errors) {
        String actionName = Validation.requiredString(body, "action", errors);
        ReviewAction action = null;
        if (actionName != null) {
            action = ReviewAction.of(actionName).orElse(null);
            if (action == null) {
                errors.add("action", "BASE_TYPE_CHOICES", "Value must be one of {" + ReviewAction.choices() + "}.");
            }
        }
        String reason = Validation.optionalString(body, "reason", errors);
        if (reason != null) {
            reason = reason.strip();
            if (reason.isEmpty()) {
                reason = null;
            } else if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
                errors.add("reason", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_REASON + " or fewer in length.");
            }
        }
        Integer duration = Validation.optionalInt(body, "duration_seconds", 1, MAX_TIMEOUT_SECONDS, null, errors);
        if (action == ReviewAction.TIMEOUT && duration == null && !body.hasNonNull("duration_seconds")) {
            errors.add("duration_seconds", "BASE_TYPE_REQUIRED", "This field is required");
        }
        Integer deleteSeconds = Validation.optionalInt(body, "delete_message_seconds", 0,
                BanService.MAX_DELETE_SECONDS, null, errors);
        return new Resolution(action, reason != null ? reason : headerReason, duration, deleteSeconds);
    }

    /** {@code POST .../queue/{id}/resolve}: the resolved item. */
    public ObjectNode resolve(Principal caller, long guildId, long itemId, JsonNode body, String headerReason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        Resolution r = parseResolution(body, headerReason, errors);
        errors.throwIfAny();
        ReviewItem item = resolveOne(caller, guildId, itemId, r, null);
        Instant now = Instant.now();
        return db.read(c -> ReviewViews.item(item, access.canView(c, item.channelId(), caller.userId()), now));
    }

    /**
     * {@code POST .../queue/bulk-resolve} {@code {item_ids: [1..100 ids], action, reason?, ...}}: each item on its
     * own, in the given order; {@code {"results": [{"id", "item"} | {"id", "code", "message"}]}}. An author the
     * batch already timed out, kicked or banned is not acted on again for their further items.
     */
    public ObjectNode bulkResolve(Principal caller, long guildId, JsonNode body, String headerReason) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        Resolution r = parseResolution(body, headerReason, errors);
        Set<Long> ids = new LinkedHashSet<>();
        JsonNode raw = body.get("item_ids");
        if (raw == null || raw.isNull()) {
            errors.add("item_ids", "BASE_TYPE_REQUIRED", "This field is required");
        } else if (!raw.isArray()) {
            errors.add("item_ids", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        } else if (raw.isEmpty() || raw.size() > MAX_BULK) {
            errors.add("item_ids", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + MAX_BULK + " in length.");
        } else {
            for (int i = 0; i < raw.size(); i++) {
                long id = Validation.parseSnowflake(raw.get(i).asText());
                if (id < 0 || !raw.get(i).isValueNode()) {
                    Validation.notSnowflake("item_ids." + i, raw.get(i).asText(), errors);
                } else {
                    ids.add(id);
                }
            }
        }
        errors.throwIfAny();
        // the queue permission and the action's, before anything is claimed
        db.read(c -> moderator(c, guildId, caller).require(r.action().permission));
        record Outcome(long id, ReviewItem item, ApiException error) {
        }
        Set<Long> actedOn = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (long id : ids) {
            try {
                outcomes.add(new Outcome(id, resolveOne(caller, guildId, id, r, actedOn), null));
            } catch (ApiException e) {
                outcomes.add(new Outcome(id, null, e));
            }
        }
        Instant now = Instant.now();
        return db.read(c -> {
            Visibility visibility = new Visibility(c, caller.userId());
            ObjectNode out = Json.object();
            ArrayNode results = out.putArray("results");
            for (Outcome o : outcomes) {
                ObjectNode result = results.addObject();
                result.put("id", Json.id(o.id()));
                if (o.item() != null) {
                    result.set("item", ReviewViews.item(o.item(), visibility.canView(o.item().channelId()), now));
                } else {
                    result.put("code", o.error().code());
                    result.put("message", o.error().getMessage());
                }
            }
            return out;
        });
    }

    /**
     * Resolves one item: claims it for the caller (so nobody else acts meanwhile; a claim by someone else → 409),
     * runs the member action through its service (refused → the item stays pending under the caller's claim),
     * then records the decision, removes a still-stored flagged message, writes the audit entry and the event in
     * one transaction, and dispatches MESSAGE_DELETE after the commit. {@code actedOn} (bulk only, else null):
     * the authors this batch already acted on.
     */
    private ReviewItem resolveOne(Principal caller, long guildId, long itemId, Resolution r, Set<Long> actedOn) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReviewItem claimed = db.autoCommit(c -> {
            moderator(c, guildId, caller).require(r.action().permission);
            takeClaim(c, guildId, itemId, caller.userId(), start);
            return ReviewItemStore.find(c, guildId, itemId);
        });
        long authorId = claimed.author().id();
        Instant timeoutUntil = null;
        if (r.action().onMember() && (actedOn == null || actedOn.add(authorId))) {
            timeoutUntil = actOnMember(caller, guildId, authorId, r, start);
        } else if (r.action() == ReviewAction.TIMEOUT) {
            timeoutUntil = start.plusSeconds(r.durationSeconds());
        }
        Instant until = timeoutUntil;
        record Done(ReviewItem item, Message deleted) {
        }
        Done done = db.inTransaction(c -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (!ReviewItemStore.lock(c, guildId, itemId)) {
                throw new UnknownReviewItem();
            }
            ReviewItem item = ReviewItemStore.find(c, guildId, itemId);
            if (!item.pending()) {
                throw new ReviewItemResolved();
            }
            if (item.claimedByOther(caller.userId(), now)) {
                throw new ReviewItemClaimed(item.claimedBy(), item.claimExpiresAt());
            }
            Message deleted = null;
            if (r.action() != ReviewAction.APPROVE && item.messageExists()) {
                deleted = MessageStore.find(c, item.channelId(), item.messageId());
                if (deleted != null && MessageStore.delete(c, deleted.id())) {
                    ThreadStore.messagesDeleted(c, deleted.channelId(), 1);
                    recorder.event(c, guildId, now, new MessageDeleted(Json.id(deleted.id()),
                            Json.id(deleted.channelId()), Json.id(authorId), Json.id(caller.userId()),
                            now.toEpochMilli()));
                } else {
                    deleted = null;
                }
            }
            ReviewItemStore.resolve(c, itemId, r.action().wireName, caller.userId(), now, r.reason(), until,
                    item.text());
            ObjectNode options = Json.object();
            options.put("queue_item_id", Json.id(itemId));
            options.put("action", r.action().wireName);
            options.put("channel_id", Json.id(item.channelId()));
            options.put("message_id", Json.id(item.messageId()));
            options.put("rule_id", Json.id(item.ruleId()));
            recorder.audit(c, guildId, caller.userId(), AUDIT_QUEUE_RESOLVE, authorId, null, options, r.reason());
            recorder.event(c, guildId, now, new AutoModReviewResolved(Json.id(itemId), Json.id(item.ruleId()),
                    item.triggerType(), Json.id(item.channelId()), Json.id(item.messageId()), Json.id(authorId),
                    Json.id(caller.userId()), r.action().wireName, item.blocked(), r.reason(),
                    until == null ? null : until.toEpochMilli(), now.toEpochMilli()));
            return new Done(ReviewItemStore.find(c, guildId, itemId), deleted);
        });
        recorder.committed();
        registry.counter("guildhall_review_queue_resolutions_total", "action", r.action().wireName).increment();
        if (done.deleted() != null) {
            ObjectNode d = Json.object();
            d.put("id", Json.id(done.deleted().id()));
            d.put("channel_id", Json.id(done.deleted().channelId()));
            d.put("guild_id", Json.id(guildId));
            bus.publish(guildId, new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0,
                    done.deleted().channelId()));
        }
        return done.item();
    }

    /** Times out, kicks or bans the author through the member services; returns the timeout's end. */
    private Instant actOnMember(Principal caller, long guildId, long authorId, Resolution r, Instant now) {
        switch (r.action()) {
            case TIMEOUT -> {
                Instant until = now.plusSeconds(r.durationSeconds());
                ObjectNode body = Json.object();
                body.put("communication_disabled_until", Json.timestamp(until));
                members.modify(caller, guildId, authorId, body, r.reason());
                return until;
            }
            case KICK -> members.kick(caller, guildId, authorId, r.reason());
            case BAN -> {
                ObjectNode body = Json.object();
                body.put("delete_message_seconds", r.deleteMessageSeconds() == null ? 0 : r.deleteMessageSeconds());
                bans.ban(caller, guildId, authorId, body, r.reason());
            }
            default -> throw new IllegalStateException(r.action().toString());
        }
        return null;
    }

    /**
     * {@code GET .../queue/decisions.tsv?after=&limit=} (MANAGE_GUILD): the moderators' decisions as labelled text,
     * oldest first — a header, then {@code item_id, resolved_at, action, label, trigger_type, text} per decision;
     * label {@code safe} for an approval, {@code spam} when a spam rule (SPAM, MENTION_SPAM, ML_SPAM) opened the
     * item, else {@code toxic}. Tabs and line breaks in the text become spaces.
     */
    public String decisions(Principal caller, long guildId, String afterParam, String limitParam) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        long after = Validation.querySnowflake(afterParam, "after", errors);
        int limit = Validation.queryInt(limitParam, "limit", 1, MAX_EXPORT, MAX_EXPORT, errors);
        errors.throwIfAny();
        List<ReviewItemStore.Decision> decisions = db.read(c -> {
            GuildActor.of(c, permissions, guildId, caller.userId()).require(Permissions.MANAGE_GUILD);
            return ReviewItemStore.decisions(c, guildId, after, limit);
        });
        StringBuilder tsv = new StringBuilder("item_id\tresolved_at\taction\tlabel\ttrigger_type\ttext\n");
        for (ReviewItemStore.Decision d : decisions) {
            tsv.append(d.itemId()).append('\t').append(Json.timestamp(d.resolvedAt())).append('\t')
                    .append(d.action()).append('\t').append(label(d)).append('\t').append(d.triggerType())
                    .append('\t').append(d.text().replaceAll("[\\t\\r\\n]+", " ")).append('\n');
        }
        return tsv.toString();
    }

    private static final Set<Integer> SPAM_TRIGGERS = Set.of(TriggerType.SPAM.value(),
            TriggerType.MENTION_SPAM.value(), TriggerType.ML_SPAM.value());

    static String label(ReviewItemStore.Decision d) {
        if (d.action().equals(ReviewAction.APPROVE.wireName)) {
            return "safe";
        }
        return SPAM_TRIGGERS.contains(d.triggerType()) ? "spam" : "toxic";
    }
}

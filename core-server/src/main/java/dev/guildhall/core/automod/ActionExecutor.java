package dev.guildhall.core.automod;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.engine.ActionExecution;
import dev.guildhall.automod.engine.RuleAction;
import dev.guildhall.automod.engine.RuleMatch;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.members.MemberStore;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageExtras;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.messages.MessageViews;
import dev.guildhall.core.threads.ThreadStore;
import dev.guildhall.events.payload.AutoModActionExecuted;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.ModerationAction;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the actions of an AutoMod verdict inside the caller's transaction and returns what must follow its
 * commit. BLOCK_MESSAGE and FLAG_TO_QUEUE open a review-queue item (with the model's scores when there are any; a
 * blocked message's content is kept there, so nothing vanishes without trace), TIMEOUT sets
 * communication_disabled_until, each action writes its audit log entry and {@code automod.action} event. After the
 * commit: SEND_ALERT_MESSAGE posts a type-24 AUTO_MODERATION_ACTION message in the alert channel, a timeout is
 * dispatched as GUILD_MEMBER_UPDATE, and every executed action goes out as AUTO_MODERATION_ACTION_EXECUTION to the
 * members with MANAGE_GUILD.
 *
 * <p>{@link Timing#INLINE}: the message is about to be stored (a blocked one never is). {@link Timing#LATE}: the
 * message is stored and a stream verdict decided after the fact: every matched rule opens a queue item (the
 * message was visible meanwhile, so a moderator sees each late decision), and BLOCK_MESSAGE deletes the message
 * (its content is kept in the queue item) and dispatches MESSAGE_DELETE.
 */
final class ActionExecutor {
    /** Discord's message type 24 AUTO_MODERATION_ACTION (the alert posted to a rule's alert channel). */
    static final int AUTO_MODERATION_ACTION = 24;

    /** Whether the verdict comes before the message is stored or after (a stream verdict). */
    enum Timing { INLINE, LATE }

    /** The message AutoMod acts on: where, by whom, its id (or the id it would get) and content, and when. */
    record Target(long guildId, long channelId, User author, long messageId, String content, Instant at) {
    }

    private final Database db;
    private final ChangeRecorder recorder;
    private final GuildEventBus bus;
    private final ManageGuildAudience audience;

    ActionExecutor(Database db, ChangeRecorder recorder, GuildEventBus bus, ManageGuildAudience audience) {
        this.db = db;
        this.recorder = recorder;
        this.bus = bus;
        this.audience = audience;
    }

    ChangeRecorder recorder() {
        return recorder;
    }

    /**
     * Executes {@code verdict}'s actions for {@code t} in {@code c}; returns what to run after the commit.
     *
     * @param scores       the model's scores (stored with queue items), null when no model answered
     * @param modelPending model rules applied but no model answered (stored with queue items)
     */
    Runnable execute(Connection c, Target t, Verdict verdict, InlineModel.Scores scores, boolean modelPending,
                     Timing timing) throws SQLException {
        long guildId = t.guildId();
        long channelId = t.channelId();
        User author = t.author();
        Instant now = t.at();
        boolean late = timing == Timing.LATE;
        boolean blocked = verdict.blocked();
        Long storedId = blocked && !late ? null : t.messageId();
        long decisionId = recorder.nextId();
        String scoresJson = scores == null ? null : scoresNode(scores).toString();
        Map<Long, Long> queueItems = new HashMap<>();
        List<ObjectNode> executions = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        Instant timeoutUntil = null;
        if (late) {
            for (RuleMatch match : verdict.matches()) {
                queueItem(c, t, match, blocked, scoresJson, false, queueItems);
            }
            if (blocked) {
                MessageStore.delete(c, t.messageId());
                ThreadStore.messagesDeleted(c, channelId, 1);
                recorder.event(c, guildId, now, new MessageDeleted(Json.id(t.messageId()), Json.id(channelId),
                        Json.id(author.id()), null, now.toEpochMilli()));
            }
        }
        for (RuleAction ra : verdict.actions()) {
            RuleMatch match = ra.match();
            AutoModerationRule rule = match.rule();
            Long alertId = null;
            Long queueId = null;
            Long until = null;
            switch (ra.action().type()) {
                case BLOCK_MESSAGE, FLAG_TO_QUEUE -> {
                    queueId = queueItem(c, t, match, blocked, scoresJson, modelPending, queueItems);
                    if (ra.action().type() == ActionType.BLOCK_MESSAGE) {
                        audit(c, guildId, author.id(), AuditLogEvent.AUTO_MODERATION_BLOCK_MESSAGE, rule, channelId,
                                null);
                    }
                }
                case SEND_ALERT_MESSAGE -> {
                    Long target = ra.action().metadata() == null ? null : ra.action().metadata().channelId();
                    if (target == null) {
                        continue;
                    }
                    alertId = recorder.nextId();
                    alerts.add(new Alert(alertId, target, match));
                    audit(c, guildId, author.id(), AuditLogEvent.AUTO_MODERATION_FLAG_TO_CHANNEL, rule, channelId, null);
                }
                case TIMEOUT -> {
                    Integer seconds = ra.action().metadata() == null ? null : ra.action().metadata().durationSeconds();
                    if (seconds == null || seconds <= 0) {
                        continue;
                    }
                    Instant end = now.plusSeconds(seconds);
                    timeoutUntil = timeoutUntil == null || end.isAfter(timeoutUntil) ? end : timeoutUntil;
                    until = end.toEpochMilli();
                    audit(c, guildId, author.id(), AuditLogEvent.AUTO_MODERATION_USER_COMMUNICATION_DISABLED, rule,
                            channelId, new AuditChanges().change("communication_disabled_until", null,
                                    Json.timestamp(end)));
                }
                default -> {
                    continue; // BLOCK_MEMBER_INTERACTION applies to MEMBER_UPDATE rules, not to messages
                }
            }
            recorder.event(c, guildId, now, new AutoModActionExecuted(Json.id(rule.id()), rule.triggerType().value(),
                    ra.action().type().value(), Json.id(author.id()), Json.id(channelId),
                    storedId == null ? null : Json.id(storedId), match.matchedKeyword(),
                    queueId == null ? null : Json.id(queueId), until, now.toEpochMilli()));
            executions.add(AutoModJson.mapper().valueToTree(ActionExecution.of(guildId, author.id(), channelId,
                    storedId, alertId, t.content(), ra)));
        }
        Member timedOut = null;
        if (timeoutUntil != null && GuildStore.isMember(c, guildId, author.id())) {
            MemberStore.setTimeout(c, guildId, author.id(), timeoutUntil);
            timedOut = GuildStore.member(c, guildId, author.id());
            recorder.event(c, guildId, now, new ModerationAction(ModerationAction.TIMEOUT, null, Json.id(author.id()),
                    "AutoMod", timeoutUntil.toEpochMilli(), now.toEpochMilli()));
            recorder.event(c, guildId, now, new MemberUpdated(Json.id(author.id()), null,
                    List.of("communication_disabled_until"), timedOut.roleIds().stream().map(Json::id).toList(),
                    timeoutUntil.toEpochMilli(), now.toEpochMilli()));
        }
        Member memberUpdate = timedOut;
        boolean deleted = late && blocked;
        return () -> {
            recorder.committed();
            if (deleted) {
                ObjectNode d = Json.object();
                d.put("id", Json.id(t.messageId()));
                d.put("channel_id", Json.id(channelId));
                d.put("guild_id", Json.id(guildId));
                bus.publish(guildId, new Dispatch("MESSAGE_DELETE", d, Intents.GUILD_MESSAGES, false, 0, channelId));
            }
            for (Alert a : alerts) {
                postAlert(t, storedId, decisionId, a);
            }
            if (memberUpdate != null) {
                ObjectNode d = GuildViews.member(memberUpdate, true);
                d.put("guild_id", Json.id(guildId));
                bus.publish(guildId, Dispatch.guildWide("GUILD_MEMBER_UPDATE", d, Intents.GUILD_MEMBERS));
            }
            for (ObjectNode e : executions) {
                audience.publish(guildId, new Dispatch("AUTO_MODERATION_ACTION_EXECUTION", e,
                        Intents.AUTO_MODERATION_EXECUTION, true, author.id(), 0));
            }
        };
    }

    /** The model's scores as the queue stores them: {@code {"safe": 0.9, "spam": 0.01, ...}}. */
    private static ObjectNode scoresNode(InlineModel.Scores scores) {
        ObjectNode n = Json.object();
        scores.byLabel().forEach(n::put);
        return n;
    }

    /** The rule's queue item for this message (one per message and rule), inserted on first use. */
    private long queueItem(Connection c, Target t, RuleMatch match, boolean blocked, String scoresJson,
                           boolean modelPending, Map<Long, Long> items) throws SQLException {
        Long id = items.get(match.rule().id());
        if (id == null) {
            id = recorder.nextId();
            items.put(match.rule().id(), id);
            ReviewQueueStore.insert(c, id, t.guildId(), t.channelId(), t.messageId(), t.author().id(), match, blocked,
                    blocked ? t.content() : null, scoresJson, modelPending);
        }
        return id;
    }

    /** A SEND_ALERT_MESSAGE action: the alert's message id and channel. */
    private record Alert(long messageId, long channelId, RuleMatch match) {
    }

    private void audit(Connection c, long guildId, long userId, int type, AutoModerationRule rule, long channelId,
                       AuditChanges changes) throws SQLException {
        ObjectNode options = Json.object();
        options.put("auto_moderation_rule_name", rule.name());
        options.put("auto_moderation_rule_trigger_type", Integer.toString(rule.triggerType().value()));
        options.put("channel_id", Json.id(channelId));
        recorder.audit(c, guildId, userId, type, userId, changes, options, null);
    }

    /**
     * Posts the alert: a message of type 24 by the author in the alert channel, whose embed (type
     * {@code auto_moderation_message}) carries the content and the rule, as Discord's alert messages do. Its own
     * transaction after the sending one (so the two channels are never locked together); skipped when the alert
     * channel no longer exists.
     */
    private void postAlert(Target t, Long storedId, long decisionId, Alert a) {
        long guildId = t.guildId();
        Instant now = t.at();
        User author = t.author();
        ArrayNode embeds = Json.array();
        ObjectNode embed = embeds.addObject();
        embed.put("type", "auto_moderation_message");
        embed.put("description", t.content());
        ArrayNode fields = embed.putArray("fields");
        field(fields, "rule_name", a.match().rule().name());
        field(fields, "channel_id", Json.id(t.channelId()));
        field(fields, "decision_id", Json.id(decisionId));
        if (a.match().matchedKeyword() != null) {
            field(fields, "keyword", a.match().matchedKeyword());
            field(fields, "keyword_matched_content", a.match().matchedContent());
        }
        if (storedId != null) {
            field(fields, "flagged_message_id", Json.id(storedId));
        }
        Message alert = new Message(a.messageId(), a.channelId(), guildId, author, "", null, false, now)
                .withExtras(MessageExtras.system(AUTO_MODERATION_ACTION, embeds));
        boolean posted = db.inTransaction(c -> {
            Channel ch = ChannelStore.find(c, a.channelId());
            if (ch == null || ch.guildId() != guildId) {
                return false;
            }
            MessageStore.insert(c, alert);
            recorder.event(c, guildId, now, new MessageCreated(Json.id(alert.id()), Json.id(a.channelId()),
                    Json.id(author.id()), author.bot(), "", 0, now.toEpochMilli()));
            ChannelStore.setLastMessage(c, a.channelId(), alert.id());
            return true;
        });
        if (posted) {
            recorder.committed();
            bus.publish(guildId, new Dispatch("MESSAGE_CREATE", MessageViews.message(alert, null),
                    Intents.GUILD_MESSAGES, true, author.id(), a.channelId()));
        }
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("name", name).put("value", value).put("inline", false);
    }
}

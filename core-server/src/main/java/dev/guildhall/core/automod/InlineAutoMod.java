package dev.guildhall.core.automod;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.engine.ActionExecution;
import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.MessageContext;
import dev.guildhall.automod.engine.RuleAction;
import dev.guildhall.automod.engine.RuleMatch;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.core.auditlog.AuditChanges;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelGrant;
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
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.AutoModActionExecuted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.ModerationAction;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AutoMod before a message is stored (send and edit): evaluates the guild's compiled rules and, in the caller's
 * transaction, executes the actions that change state: BLOCK_MESSAGE and FLAG_TO_QUEUE open a review-queue item
 * (a blocked message's content is kept there, so nothing vanishes without trace), TIMEOUT sets
 * communication_disabled_until, each action writes its audit log entry and {@code automod.action} event. After the
 * commit ({@link Screening#afterCommit()}): SEND_ALERT_MESSAGE posts a type-24 AUTO_MODERATION_ACTION message in the
 * alert channel, a timeout is dispatched as GUILD_MEMBER_UPDATE, and every executed action goes out as
 * AUTO_MODERATION_ACTION_EXECUTION to the members with MANAGE_GUILD. Members with MANAGE_GUILD (or ADMINISTRATOR,
 * or the owner) are exempt, as in Discord.
 */
public final class InlineAutoMod {
    /** Discord's message type 24 AUTO_MODERATION_ACTION (the alert posted to a rule's alert channel). */
    public static final int AUTO_MODERATION_ACTION = 24;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d{1,20})>");

    private final Database db;
    private final ChangeRecorder recorder;
    private final CompiledRuleCache cache;
    private final GuildEventBus bus;
    private final ManageGuildAudience audience;
    private final Timer overhead;
    private final Timer evaluation;

    InlineAutoMod(Database db, ChangeRecorder recorder, CompiledRuleCache cache, GuildEventBus bus,
                  ManageGuildAudience audience, MeterRegistry registry) {
        this.overhead = Timer.builder("guildhall.automod.inline")
                .description("AutoMod's inline check of a message in a guild with rules (evaluation and actions)")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.evaluation = Timer.builder("guildhall.automod.evaluate")
                .description("AutoMod's rule evaluation of a message (the automod library, no I/O)")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.db = db;
        this.recorder = recorder;
        this.cache = cache;
        this.bus = bus;
        this.audience = audience;
    }

    /**
     * Screens a message about to be stored (or an edit about to be applied) with id {@code messageId} by
     * {@code author} ({@code member}: its guild member, for its roles; null if none); runs inside the sending
     * transaction. The caller must not store a blocked message, and must call
     * {@link Screening#afterCommit()} after its commit.
     */
    public Screening screen(Connection c, ChannelGrant grant, User author, Member member, long messageId,
                            String content, Instant now) throws SQLException {
        long started = System.nanoTime();
        long guildId = grant.guild().id();
        CompiledRules rules = cache.rules(c, guildId);
        if (rules.ruleCount() == 0 || Permissions.has(grant.permissions(), Permissions.MANAGE_GUILD)) {
            return Screening.NONE;
        }
        try {
            return screen(c, rules, grant, author, member, messageId, content, now);
        } finally {
            overhead.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Screening screen(Connection c, CompiledRules rules, ChannelGrant grant, User author, Member member,
                             long messageId, String content, Instant now) throws SQLException {
        long guildId = grant.guild().id();
        long channelId = grant.channel().id();
        MessageContext ctx = new MessageContext(author.id(), member == null ? Set.of() : Set.copyOf(member.roleIds()),
                channelId, content, unique(USER_MENTION, content), unique(ROLE_MENTION, content), null,
                now.toEpochMilli());
        long evaluating = System.nanoTime();
        Verdict verdict = rules.evaluate(ctx);
        evaluation.record(System.nanoTime() - evaluating, TimeUnit.NANOSECONDS);
        if (!verdict.triggered()) {
            return verdict.modelPending() ? new Screening(false, true, () -> { }) : Screening.NONE;
        }
        return execute(c, guildId, channelId, author, messageId, content, now, verdict);
    }

    private Screening execute(Connection c, long guildId, long channelId, User author, long messageId, String content,
                              Instant now, Verdict verdict) throws SQLException {
        boolean blocked = verdict.blocked();
        Long storedId = blocked ? null : messageId;
        long decisionId = recorder.nextId();
        Map<Long, Long> queueItems = new HashMap<>();
        List<ObjectNode> executions = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        Instant timeoutUntil = null;
        for (RuleAction ra : verdict.actions()) {
            RuleMatch match = ra.match();
            AutoModerationRule rule = match.rule();
            Long alertId = null;
            Long queueId = null;
            Long until = null;
            switch (ra.action().type()) {
                case BLOCK_MESSAGE, FLAG_TO_QUEUE -> {
                    queueId = queueItems.get(rule.id());
                    if (queueId == null) {
                        queueId = recorder.nextId();
                        queueItems.put(rule.id(), queueId);
                        ReviewQueueStore.insert(c, queueId, guildId, channelId, messageId, author.id(), match, blocked,
                                blocked ? content : null, verdict.modelPending());
                    }
                    if (ra.action().type() == dev.guildhall.automod.rules.ActionType.BLOCK_MESSAGE) {
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
                    storedId, alertId, content, ra)));
        }
        Member timedOut = null;
        if (timeoutUntil != null) {
            MemberStore.setTimeout(c, guildId, author.id(), timeoutUntil);
            timedOut = GuildStore.member(c, guildId, author.id());
            recorder.event(c, guildId, now, new ModerationAction(ModerationAction.TIMEOUT, null, Json.id(author.id()),
                    "AutoMod", timeoutUntil.toEpochMilli(), now.toEpochMilli()));
            recorder.event(c, guildId, now, new MemberUpdated(Json.id(author.id()), null,
                    List.of("communication_disabled_until"), timedOut.roleIds().stream().map(Json::id).toList(),
                    timeoutUntil.toEpochMilli(), now.toEpochMilli()));
        }
        Member memberUpdate = timedOut;
        Runnable after = () -> {
            recorder.committed();
            for (Alert a : alerts) {
                postAlert(guildId, channelId, author, storedId, decisionId, content, a, now);
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
        return new Screening(blocked, verdict.modelPending(), after);
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
    private void postAlert(long guildId, long sourceChannelId, User author, Long storedId, long decisionId,
                           String content, Alert a, Instant now) {
        ArrayNode embeds = Json.array();
        ObjectNode embed = embeds.addObject();
        embed.put("type", "auto_moderation_message");
        embed.put("description", content);
        ArrayNode fields = embed.putArray("fields");
        field(fields, "rule_name", a.match().rule().name());
        field(fields, "channel_id", Json.id(sourceChannelId));
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

    private static int unique(Pattern p, String content) {
        if (content.indexOf('<') < 0) {
            return 0;
        }
        Set<String> ids = new HashSet<>();
        Matcher m = p.matcher(content);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids.size();
    }
}

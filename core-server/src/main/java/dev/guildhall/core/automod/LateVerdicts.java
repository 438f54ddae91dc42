package dev.guildhall.core.automod;

import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.MessageContext;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.guilds.Guild;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.messages.Message;
import dev.guildhall.core.messages.MessageStore;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.AutoModVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a stream verdict to a message whose content was stored {@code automod_pending} (no model answer inline,
 * on posting or on an edit): the guild's model rules (ML_TOXICITY, ML_SPAM, as they are now) are evaluated with
 * the verdict's scores and their actions executed after the fact ({@link ActionExecutor.Timing#LATE}: each matched
 * rule opens a review-queue item with the scores; BLOCK_MESSAGE deletes the message and keeps its content in the
 * item; alerts and timeouts as inline). A verdict is about one content version ({@link AutoModVerdict#editedAt()}:
 * an edit, or 0 for the content the message was posted with) and is applied only to the version that waits in
 * {@link PendingVerdicts}: a verdict on content since edited away is {@link Outcome#STALE} (the edit's own screening
 * or verdict decides). The message row is locked and the waiting version removed in the transaction that applies
 * the verdict, so a replayed verdict (or one delivered to two nodes) acts once. Verdicts of messages that were not
 * pending, inline verdicts and verdicts without scores are ignored.
 */
final class LateVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(LateVerdicts.class);

    /** What became of one verdict. */
    enum Outcome { IGNORED, NO_MODEL_RULE, MESSAGE_GONE, STALE, ALREADY_APPLIED, EXEMPT, NO_MATCH, APPLIED }

    private final Database db;
    private final CompiledRuleCache cache;
    private final ActionExecutor executor;
    private final PermissionCalculator permissions;

    LateVerdicts(Database db, CompiledRuleCache cache, ActionExecutor executor, PermissionCalculator permissions) {
        this.db = db;
        this.cache = cache;
        this.executor = executor;
        this.permissions = permissions;
    }

    /** Whether a verdict is one this class acts on: a stream verdict with scores of a pending message. */
    static boolean applies(AutoModVerdict v) {
        return v.automodPending() && AutoModVerdict.STREAM.equals(v.source()) && v.modelVersion() != null
                && v.safe() != null && v.spam() != null && v.toxic() != null && v.harassment() != null;
    }

    /** The verdict's scores by label, as the rules read them. */
    static InlineModel.Scores scores(AutoModVerdict v) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("safe", v.safe());
        m.put("spam", v.spam());
        m.put("toxic", v.toxic());
        m.put("harassment", v.harassment());
        return new InlineModel.Scores(m, v.modelVersion(), v.latencyMicros());
    }

    Outcome apply(long guildId, AutoModVerdict v) {
        if (!applies(v)) {
            return Outcome.IGNORED;
        }
        long messageId = Long.parseLong(v.messageId());
        long channelId = Long.parseLong(v.channelId());
        InlineModel.Scores scores = scores(v);
        record Result(Outcome outcome, Runnable after) {
        }
        Result r = db.inTransaction(c -> {
            Message m = MessageStore.findForUpdate(c, channelId, messageId);
            if (m == null || m.guildId() != guildId) {
                return new Result(Outcome.MESSAGE_GONE, null);
            }
            Optional<Long> waiting = PendingVerdicts.waiting(c, messageId);
            if (waiting.isEmpty()) {
                return new Result(Outcome.ALREADY_APPLIED, null);
            }
            if (waiting.get() != v.editedAt()) {
                return new Result(Outcome.STALE, null);
            }
            PendingVerdicts.remove(c, messageId);
            CompiledRules rules = cache.modelRules(c, guildId);
            if (rules.ruleCount() == 0) {
                return new Result(Outcome.NO_MODEL_RULE, null);
            }
            long authorId = m.author().id();
            Guild guild = GuildStore.find(c, guildId);
            if (GuildStore.isMember(c, guildId, authorId) && Permissions.has(
                    permissions.guildPermissions(c, guildId, guild.ownerId(), authorId), Permissions.MANAGE_GUILD)) {
                return new Result(Outcome.EXEMPT, null);
            }
            MessageContext ctx = InlineAutoMod.context(authorId, GuildStore.member(c, guildId, authorId), channelId,
                    m.content(), m.createdAt()).withModelScores(scores.byLabel());
            Verdict verdict = rules.evaluate(ctx);
            if (!verdict.triggered()) {
                return new Result(Outcome.NO_MATCH, null);
            }
            ActionExecutor.Target target = new ActionExecutor.Target(guildId, channelId, m.author(), messageId,
                    m.content(), Instant.now());
            return new Result(Outcome.APPLIED, executor.execute(c, target, verdict, scores, false,
                    ActionExecutor.Timing.LATE));
        });
        if (r.after() != null) {
            r.after().run();
        }
        LOG.debug("event=automod_late_verdict guild_id={} message_id={} edited_at={} outcome={}", guildId, messageId,
                v.editedAt(), r.outcome());
        return r.outcome();
    }
}

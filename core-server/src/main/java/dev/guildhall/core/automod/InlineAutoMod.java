package dev.guildhall.core.automod;

import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.MessageContext;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.permissions.Permissions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AutoMod before a message is stored (send and edit): evaluates the guild's compiled rules and, where a model rule
 * (ML_TOXICITY, ML_SPAM) applies, the classifier's scores within the inline budget ({@link InlineModel}); then, in
 * the caller's transaction, executes the actions ({@link ActionExecutor}) and, when the model answered, appends the
 * {@code automod.verdict} (source "inline") to the outbox. When a model rule applies but the model did not answer
 * (budget exceeded, queue full, failure, no model loaded) the rules decide alone and the screening is
 * {@link Screening#modelPending()}: the message (or the edit: its new content goes through the same rules and model
 * within the same budget) goes out with {@code automod_pending} in its {@code message.created} /
 * {@code message.updated}, the caller records the waiting content version ({@link PendingVerdicts}) and the stream
 * verdict on that version decides later ({@link LateVerdicts}). Members with MANAGE_GUILD (or ADMINISTRATOR, or the owner) are exempt, as in Discord.
 *
 * <p>Timers (messages in a guild with enabled rules, from authors not exempt): {@code guildhall.automod.decision}
 * from the start of the check to the verdict (cached rule lookup, normalisation, rule evaluation, and the model
 * within its budget or the timeout; no I/O once the guild's rules are cached, no writes): the inline budget of
 * issue #6; {@code guildhall.automod.inline} the whole check, the decision plus the writes that act on it (the
 * inline verdict event, review-queue rows, alerts, audit entries); {@code guildhall.automod.evaluate} the rule
 * evaluation alone.
 */
public final class InlineAutoMod {
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d{1,20})>");

    private final CompiledRuleCache cache;
    private final ActionExecutor executor;
    private final Supplier<InlineModel> model;
    private final Counter unloaded;
    private final Timer overhead;
    private final Timer decision;
    private final Timer evaluation;

    /** {@code model}: the model serving inline, null while none is (messages a model rule applies to are pending). */
    InlineAutoMod(CompiledRuleCache cache, ActionExecutor executor, Supplier<InlineModel> model,
                  MeterRegistry registry) {
        this.overhead = Timer.builder("guildhall.automod.inline")
                .description("AutoMod's inline check of a message in a guild with rules (evaluation and actions)")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.decision = Timer.builder("guildhall.automod.decision")
                .description("AutoMod's inline decision on a message: cached rule lookup, normalisation, rule"
                        + " evaluation and the model within its budget, up to the verdict (no writes)")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.evaluation = Timer.builder("guildhall.automod.evaluate")
                .description("AutoMod's rule evaluation of a message (the automod library, no I/O)")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.unloaded = Counter.builder("guildhall.automod.model.unanswered")
                .description("Messages the model did not score within the budget (they are marked automod_pending)")
                .tag("reason", "unavailable").register(registry);
        this.cache = cache;
        this.executor = executor;
        this.model = model;
    }

    /**
     * Screens a message about to be stored (or an edit about to be applied) with id {@code messageId} by
     * {@code author} ({@code member}: its guild member, for its roles; null if none); runs inside the sending
     * transaction. The caller must not store a blocked message (or apply a blocked edit), must record the stored
     * content with {@link PendingVerdicts#contentStored} and must call {@link Screening#afterCommit()} after its
     * commit.
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
            return screen(c, rules, grant, author, member, messageId, content, now, started);
        } finally {
            overhead.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Screening screen(Connection c, CompiledRules rules, ChannelGrant grant, User author, Member member,
                             long messageId, String content, Instant now, long started) throws SQLException {
        ActionExecutor.Target target = new ActionExecutor.Target(grant.guild().id(), grant.channel().id(), author,
                messageId, content, now);
        MessageContext ctx = context(author.id(), member, target.channelId(), content, now);
        InlineModel.Scores scores = null;
        if (rules.needsModel(ctx)) {
            scores = score(content, started);
            if (scores != null) {
                ctx = ctx.withModelScores(scores.byLabel());
            }
        }
        long evaluating = System.nanoTime();
        Verdict verdict = rules.evaluate(ctx);
        long decided = System.nanoTime();
        evaluation.record(decided - evaluating, TimeUnit.NANOSECONDS);
        decision.record(decided - started, TimeUnit.NANOSECONDS);
        if (scores != null) {
            executor.recorder().event(c, target.guildId(), now,
                    VerdictEvents.inline(target, scores, verdict, System.currentTimeMillis()));
        }
        if (!verdict.triggered()) {
            return verdict.modelPending() ? new Screening(false, true, () -> { })
                    : scores != null ? new Screening(false, false, executor.recorder()::committed) : Screening.NONE;
        }
        Runnable after = executor.execute(c, target, verdict, scores, verdict.modelPending(),
                ActionExecutor.Timing.INLINE);
        return new Screening(verdict.blocked(), verdict.modelPending(), after);
    }

    private InlineModel.Scores score(String content, long started) {
        InlineModel m = model.get();
        if (m == null) {
            unloaded.increment();
            return null;
        }
        return m.score(content, started); // the budget counts from the start of the decision
    }

    /** What the rules see of a message (no model scores yet). */
    static MessageContext context(long authorId, Member member, long channelId, String content, Instant at) {
        return new MessageContext(authorId, member == null ? Set.of() : Set.copyOf(member.roleIds()), channelId,
                content, unique(USER_MENTION, content), unique(ROLE_MENTION, content), null, at.toEpochMilli());
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

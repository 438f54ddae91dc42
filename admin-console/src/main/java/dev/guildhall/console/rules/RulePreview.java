package dev.guildhall.console.rules;

import dev.guildhall.automod.engine.CompiledRules;
import dev.guildhall.automod.engine.GuildMemory;
import dev.guildhall.automod.engine.MessageContext;
import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.engine.RuleAction;
import dev.guildhall.automod.engine.RuleMatch;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.console.rules.PreviewRow.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Try this rule on recent messages": evaluates a draft rule with the automod library's engine (the one core-server
 * runs before storing a message) over messages already posted, oldest first so SPAM and mention-raid detection see
 * them in order, and says per message whether and why it would match. Pure: no I/O.
 */
public final class RulePreview {

    private RulePreview() {
    }

    /** Evaluates {@code draft} (as if enabled) over the messages; rows newest first. */
    public static List<PreviewRow> evaluate(AutoModerationRule draft, List<RecentMessage> messages) {
        AutoModerationRule enabled = new AutoModerationRule(draft.id(), draft.guildId(), draft.name(),
                draft.creatorId(), draft.eventType() == null ? EventType.MESSAGE_SEND : draft.eventType(),
                draft.triggerType(), draft.triggerMetadata(), draft.actions(), true, draft.exemptRoles(),
                draft.exemptChannels());
        CompiledRules rules = CompiledRules.compile(List.of(enabled), PresetLibrary.bundled(), new GuildMemory());
        List<RecentMessage> oldestFirst = messages.stream()
                .sorted(Comparator.comparing(RecentMessage::sentAt).thenComparingLong(RecentMessage::id)).toList();
        List<PreviewRow> rows = new ArrayList<>();
        for (RecentMessage m : oldestFirst) {
            rows.add(row(enabled, rules, m));
        }
        Collections.reverse(rows);
        return rows;
    }

    /** A remark when the rule cannot be previewed on messages at all, else "". */
    public static String note(AutoModerationRule draft) {
        if (draft.triggerType() == TriggerType.MEMBER_PROFILE || draft.eventType() == EventType.MEMBER_UPDATE) {
            return "This rule checks member profiles (names), not messages: the preview cannot show it.";
        }
        if (draft.triggerType() != null && draft.triggerType().isModelScore()) {
            return "This rule acts on the classifier's score, which is computed when a message is posted: the "
                    + "preview cannot score old messages.";
        }
        return "";
    }

    private static PreviewRow row(AutoModerationRule rule, CompiledRules rules, RecentMessage m) {
        if (m.authorExempt()) {
            return new PreviewRow(m, Outcome.EXEMPT, "author has Manage Server or Administrator (AutoMod skips them)",
                    "");
        }
        if (rule.exemptChannels().contains(m.channel().id())) {
            return new PreviewRow(m, Outcome.EXEMPT, "channel " + m.channel().label() + " is exempt", "");
        }
        if (m.authorRoleIds().stream().anyMatch(rule.exemptRoles()::contains)) {
            return new PreviewRow(m, Outcome.EXEMPT, "the author has an exempt role", "");
        }
        Verdict verdict = rules.evaluate(new MessageContext(m.authorId(), m.authorRoleIds(), m.channel().id(),
                m.content(), m.userMentions(), m.roleMentions(), null, m.sentAt().toEpochMilli()));
        if (verdict.triggered()) {
            RuleMatch match = verdict.matches().get(0);
            return new PreviewRow(m, Outcome.MATCH, why(match), actions(verdict));
        }
        if (verdict.modelPending()) {
            return new PreviewRow(m, Outcome.NEEDS_MODEL, "needs the classifier's score", "");
        }
        return new PreviewRow(m, Outcome.NO_MATCH, "", "");
    }

    private static String why(RuleMatch match) {
        if (match.matchedKeyword() == null) {
            return match.reason();
        }
        boolean regex = match.rule().triggerMetadata().regexPatterns() != null
                && match.rule().triggerMetadata().regexPatterns().contains(match.matchedKeyword());
        return (regex ? "pattern " : "keyword ") + "\"" + match.matchedKeyword() + "\" matched \""
                + match.matchedContent() + "\" at " + match.start() + "–" + match.end();
    }

    private static final Map<ActionType, String> NAMES = Map.of(
            ActionType.BLOCK_MESSAGE, "block",
            ActionType.SEND_ALERT_MESSAGE, "alert",
            ActionType.TIMEOUT, "timeout",
            ActionType.BLOCK_MEMBER_INTERACTION, "block interaction",
            ActionType.FLAG_TO_QUEUE, "flag to queue");

    private static String actions(Verdict verdict) {
        return verdict.actions().stream().map(RuleAction::action).map(RulePreview::describe)
                .collect(Collectors.joining(", "));
    }

    /** Short text of an action for tables ("timeout 60 s", "alert #mod-log" needs names, so ids here). */
    static String describe(Action a) {
        String name = NAMES.getOrDefault(a.type(), a.type().name());
        if (a.metadata() == null) {
            return name;
        }
        return switch (a.type()) {
            case TIMEOUT -> name + " " + a.metadata().durationSeconds() + " s";
            case BLOCK_MESSAGE -> a.metadata().customMessage() == null || a.metadata().customMessage().isEmpty()
                    ? name : name + " (\"" + a.metadata().customMessage() + "\")";
            default -> name;
        };
    }
}

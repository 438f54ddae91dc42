package dev.guildhall.core.automod;

import dev.guildhall.automod.engine.RuleAction;
import dev.guildhall.automod.engine.Verdict;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.core.json.Json;
import dev.guildhall.events.payload.AutoModVerdict;

/** The {@code automod.verdict} event of an inline check whose model answered (no content: scores and ids). */
final class VerdictEvents {
    private VerdictEvents() {
    }

    /** "block" when a rule blocked the message, "flag" when one sent it to the review queue, else "allow". */
    static String decision(Verdict verdict) {
        if (verdict.blocked()) {
            return AutoModVerdict.BLOCK;
        }
        for (RuleAction a : verdict.actions()) {
            if (a.action().type() == ActionType.FLAG_TO_QUEUE) {
                return AutoModVerdict.FLAG;
            }
        }
        return AutoModVerdict.ALLOW;
    }

    static AutoModVerdict inline(ActionExecutor.Target t, InlineModel.Scores scores, Verdict verdict, long scoredAt) {
        return new AutoModVerdict(Json.id(t.messageId()), Json.id(t.channelId()), Json.id(t.author().id()),
                scores.version(), scores.get("safe"), scores.get("spam"), scores.get("toxic"),
                scores.get("harassment"), decision(verdict),
                verdict.matches().stream().map(m -> Json.id(m.rule().id())).toList(), AutoModVerdict.INLINE,
                scores.latencyMicros(), t.at().toEpochMilli(), scoredAt);
    }
}

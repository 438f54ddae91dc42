package dev.guildhall.automod.engine;

import dev.guildhall.automod.rules.ActionType;
import java.util.List;

/**
 * The outcome of evaluating a message: the rules that matched (in rule order) and the actions to execute.
 * {@code blocked}: a BLOCK_MESSAGE action applies, the message must not be stored; {@code blockMessage} is the
 * first custom message among the blocking rules (null when none). {@code modelPending}: a model-score rule
 * applies but the message carried no model scores, so the rules decided alone and the stream verdict must
 * score it later.
 */
public record Verdict(List<RuleMatch> matches, List<RuleAction> actions, boolean blocked, String blockMessage,
                      boolean modelPending) {

    public boolean triggered() {
        return !matches.isEmpty();
    }

    public boolean flagged() {
        return actions.stream().anyMatch(a -> a.action().type() == ActionType.FLAG_TO_QUEUE);
    }
}

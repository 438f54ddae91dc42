package dev.guildhall.automod.engine;

import dev.guildhall.automod.rules.Action;

/** An action to execute, with the match of the rule it belongs to (for the action-execution event). */
public record RuleAction(RuleMatch match, Action action) {
}

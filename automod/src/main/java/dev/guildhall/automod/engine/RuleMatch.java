package dev.guildhall.automod.engine;

import dev.guildhall.automod.rules.AutoModerationRule;

/**
 * A rule that triggered. {@code matchedKeyword} is the keyword, preset word or regex as configured and
 * {@code matchedContent} the excerpt of the original content ({@code [start, end)} in UTF-16 units), as in
 * Discord's AUTO_MODERATION_ACTION_EXECUTION; both null for SPAM, MENTION_SPAM and model rules, whose
 * {@code reason} says what triggered them.
 */
public record RuleMatch(AutoModerationRule rule, String matchedKeyword, String matchedContent, int start, int end,
                        String reason) {

    static RuleMatch keyword(AutoModerationRule rule, String keyword, String content, int start, int end) {
        return new RuleMatch(rule, keyword, content.substring(start, end), start, end, "keyword");
    }

    static RuleMatch other(AutoModerationRule rule, String reason) {
        return new RuleMatch(rule, null, null, -1, -1, reason);
    }
}

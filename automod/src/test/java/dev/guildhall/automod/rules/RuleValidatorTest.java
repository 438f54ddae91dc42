package dev.guildhall.automod.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discord's documented limits, as field errors at Discord's paths. */
class RuleValidatorTest {

    private static AutoModerationRule rule(TriggerType type, TriggerMetadata md, List<Action> actions) {
        EventType event = type == TriggerType.MEMBER_PROFILE ? EventType.MEMBER_UPDATE : EventType.MESSAGE_SEND;
        return new AutoModerationRule(1, 2, "rule", 3, event, type, md, actions, true, List.of(), List.of());
    }

    private static List<FieldError> validate(AutoModerationRule rule) {
        return RuleValidator.validate(rule, Map.of());
    }

    private static TriggerMetadata keywords(List<String> k, List<String> r, List<String> a) {
        return TriggerMetadata.keywords(k, r, a);
    }

    @Test
    void aRuleAtEveryLimitIsValid() {
        AutoModerationRule rule = new AutoModerationRule(1, 2, "x".repeat(100), 3, EventType.MESSAGE_SEND, TriggerType.KEYWORD,
                keywords(Collections.nCopies(1000, "k".repeat(60)), Collections.nCopies(10, "a".repeat(260)),
                        Collections.nCopies(100, "w".repeat(60))),
                List.of(Action.block("m".repeat(150)), Action.alert(9), Action.timeout(2_419_200), Action.flag()), true,
                Collections.nCopies(20, 5L), Collections.nCopies(50, 6L));
        assertThat(RuleValidator.validate(rule, Map.of(TriggerType.KEYWORD, 5))).isEmpty();
    }

    @Test
    void keywordFilterLimits() {
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(Collections.nCopies(1001, "k"), null, null), List.of(Action.block()))))
                .containsExactly(new FieldError("trigger_metadata.keyword_filter", "BASE_TYPE_MAX_LENGTH", "Must be 1000 or fewer in length."));
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(List.of("ok", "k".repeat(61)), null, null), List.of(Action.block()))))
                .containsExactly(new FieldError("trigger_metadata.keyword_filter.1", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 60 in length."));
    }

    @Test
    void regexLimitsAndSyntax() {
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(null, Collections.nCopies(11, "a"), null), List.of(Action.block()))))
                .extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("trigger_metadata.regex_patterns", "BASE_TYPE_MAX_LENGTH"));
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(null, List.of("a".repeat(261)), null), List.of(Action.block()))))
                .extracting(FieldError::path).containsExactly("trigger_metadata.regex_patterns.0");
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(null, List.of("ok", "(unclosed", "(a)\\1"), null), List.of(Action.block()))))
                .extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("trigger_metadata.regex_patterns.1", "AUTO_MODERATION_INVALID_REGEX"),
                        org.assertj.core.groups.Tuple.tuple("trigger_metadata.regex_patterns.2", "AUTO_MODERATION_INVALID_REGEX"));
    }

    @Test
    void allowListLimitDependsOnTheTriggerType() {
        List<String> allow1000 = Collections.nCopies(1000, "w");
        assertThat(validate(rule(TriggerType.KEYWORD_PRESET, TriggerMetadata.presets(List.of(KeywordPresetType.SLURS), allow1000),
                List.of(Action.block())))).isEmpty();
        assertThat(validate(rule(TriggerType.KEYWORD_PRESET, TriggerMetadata.presets(List.of(), Collections.nCopies(1001, "w")),
                List.of(Action.block())))).extracting(FieldError::message).containsExactly("Must be 1000 or fewer in length.");
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(List.of("k"), null, Collections.nCopies(101, "w")), List.of(Action.block()))))
                .extracting(FieldError::path, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("trigger_metadata.allow_list", "Must be 100 or fewer in length."));
    }

    @Test
    void mentionLimitAtMostFifty() {
        assertThat(validate(rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(50, true), List.of(Action.block())))).isEmpty();
        assertThat(validate(rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(51, true), List.of(Action.block()))))
                .extracting(FieldError::path).containsExactly("trigger_metadata.mention_total_limit");
    }

    @Test
    void actionMetadataLimits() {
        AutoModerationRule r = rule(TriggerType.KEYWORD, keywords(List.of("k"), null, null), List.of(
                Action.block("m".repeat(151)), new Action(ActionType.SEND_ALERT_MESSAGE, null), Action.timeout(2_419_201),
                new Action(ActionType.TIMEOUT, null)));
        assertThat(validate(r)).extracting(FieldError::path, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("actions.0.metadata.custom_message", "BASE_TYPE_MAX_LENGTH"),
                org.assertj.core.groups.Tuple.tuple("actions.1.metadata.channel_id", "BASE_TYPE_REQUIRED"),
                org.assertj.core.groups.Tuple.tuple("actions.2.metadata.duration_seconds", "NUMBER_TYPE_MAX"),
                org.assertj.core.groups.Tuple.tuple("actions.3.metadata.duration_seconds", "BASE_TYPE_REQUIRED"));
    }

    @Test
    void timeoutOnlyOnKeywordMentionAndModelRules() {
        assertThat(validate(rule(TriggerType.SPAM, TriggerMetadata.empty(), List.of(Action.timeout(60)))))
                .extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("actions.0.type", "AUTO_MODERATION_INVALID_ACTION"));
        assertThat(validate(rule(TriggerType.KEYWORD_PRESET, TriggerMetadata.presets(List.of(KeywordPresetType.PROFANITY), null),
                List.of(Action.timeout(60))))).hasSize(1);
        assertThat(validate(rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(5, false), List.of(Action.timeout(60))))).isEmpty();
        assertThat(validate(rule(TriggerType.ML_TOXICITY, TriggerMetadata.scoreThreshold(0.9), List.of(Action.timeout(60))))).isEmpty();
    }

    @Test
    void maxRulesPerTriggerType() {
        AutoModerationRule keyword = rule(TriggerType.KEYWORD, keywords(List.of("k"), null, null), List.of(Action.block()));
        assertThat(RuleValidator.validate(keyword, Map.of(TriggerType.KEYWORD, 5))).isEmpty();
        assertThat(RuleValidator.validate(keyword, Map.of(TriggerType.KEYWORD, 6)))
                .containsExactly(new FieldError("trigger_type", "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED",
                        "Maximum number of rules of this type reached (6)."));
        for (TriggerType one : List.of(TriggerType.SPAM, TriggerType.KEYWORD_PRESET, TriggerType.MENTION_SPAM)) {
            assertThat(one.maxPerGuild()).isEqualTo(1);
        }
        AutoModerationRule spam = rule(TriggerType.SPAM, TriggerMetadata.empty(), List.of(Action.block()));
        assertThat(RuleValidator.validate(spam, Map.of(TriggerType.SPAM, 1))).extracting(FieldError::path).containsExactly("trigger_type");
    }

    @Test
    void requiredFieldsAndExemptionLimits() {
        AutoModerationRule r = new AutoModerationRule(1, 2, null, 3, null, TriggerType.KEYWORD, keywords(null, null, null),
                List.of(), true, Collections.nCopies(21, 1L), Collections.nCopies(51, 1L));
        assertThat(validate(r)).extracting(FieldError::path).containsExactly("name", "event_type", "trigger_metadata", "actions",
                "exempt_roles", "exempt_channels");
    }

    @Test
    void modelRulesNeedAThresholdBetweenZeroAndOne() {
        assertThat(validate(rule(TriggerType.ML_SPAM, TriggerMetadata.empty(), List.of(Action.flag()))))
                .extracting(FieldError::path).containsExactly("trigger_metadata.score_threshold");
        assertThat(validate(rule(TriggerType.ML_SPAM, TriggerMetadata.scoreThreshold(1.5), List.of(Action.flag()))))
                .extracting(FieldError::code).containsExactly("NUMBER_TYPE_MAX");
    }

    @Test
    void memberProfileRulesUseMemberUpdateAndBlockInteraction() {
        AutoModerationRule wrongEvent = new AutoModerationRule(1, 2, "p", 3, EventType.MESSAGE_SEND, TriggerType.MEMBER_PROFILE,
                keywords(List.of("k"), null, null), List.of(Action.block()), true, List.of(), List.of());
        assertThat(validate(wrongEvent)).extracting(FieldError::path).containsExactly("event_type");
        assertThat(validate(rule(TriggerType.KEYWORD, keywords(List.of("k"), null, null),
                List.of(new Action(ActionType.BLOCK_MEMBER_INTERACTION, null))))).extracting(FieldError::path).containsExactly("actions.0.type");
    }
}

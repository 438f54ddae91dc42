package dev.guildhall.automod.engine;

import static dev.guildhall.automod.engine.Rules.AUTHOR;
import static dev.guildhall.automod.engine.Rules.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.ActionType;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exemptions, action precedence, mention spam, spam, model-score rules and disabled rules. */
class RuleEvaluationTest {

    private static AutoModerationRule withExemptions(AutoModerationRule r, List<Long> roles, List<Long> channels) {
        return new AutoModerationRule(r.id(), r.guildId(), r.name(), r.creatorId(), r.eventType(), r.triggerType(),
                r.triggerMetadata(), r.actions(), r.enabled(), roles, channels);
    }

    private static AutoModerationRule withActions(AutoModerationRule r, Action... actions) {
        return new AutoModerationRule(r.id(), r.guildId(), r.name(), r.creatorId(), r.eventType(), r.triggerType(),
                r.triggerMetadata(), List.of(actions), r.enabled(), r.exemptRoles(), r.exemptChannels());
    }

    @Test
    void exemptRolesAndChannelsSkipTheRule() {
        CompiledRules rules = Rules.compile(withExemptions(Rules.keywords("cat"), List.of(77L), List.of(88L)));
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(1L), CHANNEL, "cat", 0)).triggered()).isTrue();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(1L, 77L), CHANNEL, "cat", 0)).triggered()).isFalse();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), 88L, "cat", 0)).triggered()).isFalse();
    }

    @Test
    void exemptionIsPerRule() {
        AutoModerationRule exempted = withExemptions(Rules.keywords("cat"), List.of(77L), List.of());
        AutoModerationRule other = Rules.keywords("*cat*");
        Verdict v = Rules.compile(exempted, other).evaluate(MessageContext.of(AUTHOR, Set.of(77L), CHANNEL, "cat", 0));
        assertThat(v.matches()).extracting(m -> m.rule().id()).containsExactly(other.id());
    }

    @Test
    void disabledRulesAreNotCompiledAndProfileRulesDoNotApplyToMessages() {
        AutoModerationRule r = Rules.keywords("cat");
        AutoModerationRule disabled = new AutoModerationRule(r.id(), r.guildId(), r.name(), r.creatorId(), r.eventType(),
                r.triggerType(), r.triggerMetadata(), r.actions(), false, List.of(), List.of());
        CompiledRules rules = Rules.compile(disabled, profileRule(List.of()));
        assertThat(rules.ruleCount()).isEqualTo(1);
        assertThat(Rules.evaluate(rules, "cat").triggered()).isFalse();
    }

    @Test
    void memberProfileRulesCheckProfileTextWithExemptRoles() {
        CompiledRules rules = Rules.compile(profileRule(List.of(77L)), Rules.keywords("cat"));
        Verdict v = rules.evaluateProfile(AUTHOR, Set.of(1L), "Cat Lover 3000");
        assertThat(v.matches()).singleElement().satisfies(m -> {
            assertThat(m.rule().triggerType()).isEqualTo(TriggerType.MEMBER_PROFILE);
            assertThat(m.matchedContent()).isEqualTo("Cat");
        });
        assertThat(v.actions()).extracting(a -> a.action().type()).containsExactly(ActionType.BLOCK_MEMBER_INTERACTION);
        assertThat(rules.evaluateProfile(AUTHOR, Set.of(77L), "Cat Lover").triggered()).isFalse();
        assertThat(rules.evaluateProfile(AUTHOR, Set.of(), "Dog Lover").triggered()).isFalse();
    }

    private static AutoModerationRule profileRule(List<Long> exemptRoles) {
        return new AutoModerationRule(2, Rules.GUILD, "profile", 1, EventType.MEMBER_UPDATE, TriggerType.MEMBER_PROFILE,
                TriggerMetadata.keywords(List.of("cat*"), List.of(), List.of()),
                List.of(new Action(ActionType.BLOCK_MEMBER_INTERACTION, null)), true, exemptRoles, List.of());
    }

    @Test
    void blockTakesPrecedenceOverFlagAndTheLongestTimeoutWins() {
        AutoModerationRule flagger = withActions(Rules.keywords("cat"), Action.flag(), Action.alert(55), Action.timeout(60));
        AutoModerationRule blocker = withActions(Rules.keywords("*at"), Action.block("no cats here"), Action.timeout(600));
        Verdict v = Rules.evaluate(Rules.compile(flagger, blocker), "cat");
        assertThat(v.blocked()).isTrue();
        assertThat(v.blockMessage()).isEqualTo("no cats here");
        assertThat(v.flagged()).isFalse();
        assertThat(v.actions()).extracting(a -> a.action().type())
                .containsExactlyInAnyOrder(ActionType.SEND_ALERT_MESSAGE, ActionType.BLOCK_MESSAGE, ActionType.TIMEOUT);
        assertThat(v.actions()).filteredOn(a -> a.action().type() == ActionType.TIMEOUT)
                .singleElement().satisfies(a -> assertThat(a.action().metadata().durationSeconds()).isEqualTo(600));
    }

    @Test
    void flagWithoutBlockKeepsTheMessageAndQueuesIt() {
        Verdict v = Rules.evaluate(Rules.compile(withActions(Rules.keywords("cat"), Action.flag())), "a cat");
        assertThat(v.blocked()).isFalse();
        assertThat(v.flagged()).isTrue();
        assertThat(v.actions()).singleElement().satisfies(a -> assertThat(a.match().matchedContent()).isEqualTo("cat"));
    }

    @Test
    void mentionSpamCountsUniqueUsersAndRolesOverTheLimit() {
        CompiledRules rules = Rules.compile(Rules.rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(5, false),
                List.of(Action.block())));
        assertThat(rules.evaluate(Rules.message("hi all").withMentions(3, 2)).triggered()).isFalse();
        Verdict v = rules.evaluate(Rules.message("hi all").withMentions(4, 2));
        assertThat(v.triggered()).isTrue();
        assertThat(v.matches().get(0).matchedKeyword()).isNull();
        assertThat(v.matches().get(0).reason()).isEqualTo("mentions 6 > 5");
    }

    @Test
    void mentionRaidProtectionSumsOneAuthorsMentionsOverAMinute() {
        CompiledRules rules = Rules.compile(Rules.rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(5, true),
                List.of(Action.block())));
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "hi", 1_000).withMentions(3, 0)).triggered()).isFalse();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "no mentions", 2_000)).triggered()).isFalse();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR + 1, Set.of(), CHANNEL, "hi", 2_000).withMentions(3, 0)).triggered()).isFalse();
        Verdict raid = rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "hi", 30_000).withMentions(2, 1));
        assertThat(raid.matches()).singleElement()
                .satisfies(m -> assertThat(m.reason()).isEqualTo("mention raid: 6 mentions in 60 s > 5"));
        // a minute later the earlier mentions have expired
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "hi", 95_000).withMentions(3, 0)).triggered()).isFalse();
    }

    @Test
    void withoutRaidProtectionOnlyTheMessagesOwnMentionsCount() {
        CompiledRules rules = Rules.compile(Rules.rule(TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(5, false),
                List.of(Action.block())));
        for (int i = 0; i < 5; i++) {
            assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "hi", i).withMentions(5, 0)).triggered()).isFalse();
        }
    }

    @Test
    void spamTriggersOnTheThirdDuplicateWithinTheWindow() {
        CompiledRules rules = Rules.compile(Rules.rule(TriggerType.SPAM, TriggerMetadata.empty(), List.of(Action.block())));
        MessageContext first = MessageContext.of(AUTHOR, Set.of(), CHANNEL, "FREE nitro here", 1_000);
        assertThat(rules.evaluate(first).triggered()).isFalse();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "free  nitro HERE", 2_000)).triggered()).isFalse();
        Verdict third = rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "free nitro here", 3_000));
        assertThat(third.matches()).singleElement().satisfies(m -> assertThat(m.reason()).isEqualTo("spam: duplicate"));
        // another author, or the same text after the window, is not a duplicate
        assertThat(rules.evaluate(MessageContext.of(AUTHOR + 1, Set.of(), CHANNEL, "free nitro here", 3_000)).triggered()).isFalse();
        assertThat(rules.evaluate(MessageContext.of(AUTHOR, Set.of(), CHANNEL, "free nitro here", 60_000)).triggered()).isFalse();
    }

    @Test
    void spamTriggersOnLinksAndFloods() {
        CompiledRules rules = Rules.compile(Rules.rule(TriggerType.SPAM, TriggerMetadata.empty(), List.of(Action.block())));
        String links = "https://a.example https://b.example http://c.example www.d.example discord.gg/xyz";
        assertThat(Rules.evaluate(rules, links).matches().get(0).reason()).isEqualTo("spam: links");
        assertThat(Rules.evaluate(rules, "https://a.example and https://b.example").triggered()).isFalse();
        assertThat(Rules.evaluate(rules, "A".repeat(40)).matches().get(0).reason()).isEqualTo("spam: flood");
        assertThat(Rules.evaluate(rules, "buy ".repeat(12)).matches().get(0).reason()).isEqualTo("spam: flood");
        assertThat(Rules.evaluate(rules, "an ordinary sentence that has quite a few different words in it").triggered()).isFalse();
    }

    @Test
    void modelRulesUseTheScoresOrMarkTheMessagePending() {
        CompiledRules rules = Rules.compile(
                Rules.rule(TriggerType.ML_TOXICITY, TriggerMetadata.scoreThreshold(0.8), List.of(Action.flag())),
                Rules.rule(TriggerType.ML_SPAM, TriggerMetadata.scoreThreshold(0.9), List.of(Action.block())));
        Verdict pending = rules.evaluate(Rules.message("hello"));
        assertThat(pending.modelPending()).isTrue();
        assertThat(pending.triggered()).isFalse();
        Verdict toxic = rules.evaluate(Rules.message("hello").withModelScores(Map.of("harassment", 0.85, "spam", 0.2)));
        assertThat(toxic.modelPending()).isFalse();
        assertThat(toxic.matches()).singleElement().satisfies(m -> {
            assertThat(m.rule().triggerType()).isEqualTo(TriggerType.ML_TOXICITY);
            assertThat(m.reason()).isEqualTo("score 0.850 >= 0.800");
        });
        assertThat(rules.evaluate(Rules.message("x").withModelScores(Map.of("spam", 0.95))).blocked()).isTrue();
    }

    @Test
    void theModelIsNeededOnlyWhereAModelRuleApplies() {
        AutoModerationRule ml = Rules.rule(TriggerType.ML_SPAM, TriggerMetadata.scoreThreshold(0.5),
                List.of(Action.flag()));
        AutoModerationRule exempt = new AutoModerationRule(ml.id(), ml.guildId(), ml.name(), ml.creatorId(),
                ml.eventType(), ml.triggerType(), ml.triggerMetadata(), ml.actions(), true, List.of(77L),
                List.of(Rules.CHANNEL + 1));
        assertThat(Rules.compile(Rules.keywords("cat")).needsModel(Rules.message("cat"))).isFalse();
        assertThat(Rules.compile(Rules.keywords("cat"), ml).needsModel(Rules.message("cat"))).isTrue();
        CompiledRules exempting = Rules.compile(exempt);
        assertThat(exempting.needsModel(Rules.message("hi"))).isTrue();
        assertThat(exempting.needsModel(MessageContext.of(Rules.AUTHOR, Set.of(77L), Rules.CHANNEL, "hi", 0)))
                .as("exempt role").isFalse();
        assertThat(exempting.needsModel(MessageContext.of(Rules.AUTHOR, Set.of(), Rules.CHANNEL + 1, "hi", 0)))
                .as("exempt channel").isFalse();
    }

    @Test
    void everyTriggeredRuleIsReportedInRuleOrder() {
        AutoModerationRule a = Rules.keywords("cat");
        AutoModerationRule b = Rules.keywords("dog");
        Verdict v = Rules.evaluate(Rules.compile(a, b), "dog and cat");
        assertThat(v.matches()).extracting(m -> m.rule().id()).containsExactly(a.id(), b.id());
    }
}

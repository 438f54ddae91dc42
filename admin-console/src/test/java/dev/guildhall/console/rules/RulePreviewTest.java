package dev.guildhall.console.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.console.rules.PreviewRow.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulePreviewTest {

    private static final TextChannel GENERAL = new TextChannel(10, "general");
    private static final TextChannel STAFF = new TextChannel(11, "staff");
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    private static AutoModerationRule keywordRule(boolean enabled) {
        return new AutoModerationRule(0, 1, "No scams", 0, EventType.MESSAGE_SEND, TriggerType.KEYWORD,
                TriggerMetadata.keywords(List.of("free nitro"), List.of("disc[o0]rd\\.gift"), List.of()),
                List.of(Action.block("No scams here"), Action.timeout(60)), enabled, List.of(77L), List.of(11L));
    }

    private static RecentMessage message(long id, TextChannel channel, long author, Set<Long> roles, boolean exempt,
                                         String content, int minute) {
        return new RecentMessage(id, channel, author, "user" + author, roles, exempt, content,
                T0.plusSeconds(60L * minute), 0, 0);
    }

    @Test
    void saysWhichRecentMessagesWouldMatchAndWhyNewestFirst() {
        List<PreviewRow> rows = RulePreview.evaluate(keywordRule(false), List.of(
                message(1, GENERAL, 5, Set.of(), false, "get FREE NITRO now", 0),
                message(2, GENERAL, 5, Set.of(), false, "hello there", 1),
                message(3, GENERAL, 6, Set.of(), false, "visit d1sc0rd.gift/x", 2),
                message(4, STAFF, 5, Set.of(), false, "free nitro in the staff room", 3),
                message(5, GENERAL, 8, Set.of(77L), false, "free nitro from a trusted role", 4),
                message(6, GENERAL, 9, Set.of(), true, "free nitro from the owner", 5)));
        assertThat(rows).extracting(r -> r.message().id()).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(rows).extracting(PreviewRow::outcome).containsExactly(Outcome.EXEMPT, Outcome.EXEMPT,
                Outcome.EXEMPT, Outcome.NO_MATCH, Outcome.NO_MATCH, Outcome.MATCH);
        PreviewRow match = rows.get(5);
        assertThat(match.why()).isEqualTo("keyword \"free nitro\" matched \"FREE NITRO\" at 4–14");
        assertThat(match.actions()).isEqualTo("block (\"No scams here\"), timeout 60 s");
        assertThat(rows.get(2).why()).contains("#staff is exempt");
        assertThat(rows.get(1).why()).contains("exempt role");
        assertThat(rows.get(0).why()).contains("Manage Server");
    }

    @Test
    void regexMatchesSayPatternAndModelRulesCannotBePreviewed() {
        AutoModerationRule regexOnly = new AutoModerationRule(0, 1, "links", 0, EventType.MESSAGE_SEND,
                TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(), List.of("disc[o0]rd\\.gift"), List.of()),
                List.of(Action.flag()), true, List.of(), List.of());
        PreviewRow row = RulePreview.evaluate(regexOnly,
                List.of(message(1, GENERAL, 5, Set.of(), false, "see discord.gift/abc", 0))).get(0);
        assertThat(row.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(row.why()).startsWith("pattern \"disc[o0]rd\\.gift\" matched \"discord.gift\"");
        assertThat(row.actions()).isEqualTo("flag to queue");

        AutoModerationRule model = new AutoModerationRule(0, 1, "toxic", 0, EventType.MESSAGE_SEND,
                TriggerType.ML_TOXICITY, TriggerMetadata.scoreThreshold(0.8), List.of(Action.flag()), true,
                List.of(), List.of());
        assertThat(RulePreview.evaluate(model, List.of(message(1, GENERAL, 5, Set.of(), false, "hi", 0))))
                .extracting(PreviewRow::outcome).containsExactly(Outcome.NEEDS_MODEL);
        assertThat(RulePreview.note(model)).contains("classifier's score");
        assertThat(RulePreview.note(keywordRule(true))).isEmpty();
    }

    @Test
    void mentionSpamCountsUniqueMentions() {
        AutoModerationRule mentions = new AutoModerationRule(0, 1, "mentions", 0, EventType.MESSAGE_SEND,
                TriggerType.MENTION_SPAM, TriggerMetadata.mentionLimit(3, false), List.of(Action.block()), true,
                List.of(), List.of());
        RecentMessage many = new RecentMessage(1, GENERAL, 5, "u", Set.of(), false, "hey all", T0, 3, 1);
        RecentMessage few = new RecentMessage(2, GENERAL, 5, "u", Set.of(), false, "hey", T0.plusSeconds(1), 2, 1);
        List<PreviewRow> rows = RulePreview.evaluate(mentions, List.of(many, few));
        assertThat(rows).extracting(PreviewRow::outcome).containsExactly(Outcome.NO_MATCH, Outcome.MATCH);
        assertThat(rows.get(1).why()).isEqualTo("mentions 4 > 3");
    }

    @Test
    void bodiesLeaveOutServerAssignedFieldsAndPatchKeepsTheTriggerType() {
        AutoModerationRule rule = new AutoModerationRule(55, 1, "r", 9, EventType.MESSAGE_SEND, TriggerType.KEYWORD,
                TriggerMetadata.keywords(List.of("a"), List.of(), List.of()).forType(TriggerType.KEYWORD),
                List.of(Action.alert(12)), true, List.of(3L), List.of());
        ObjectNode create = RuleBodies.create(rule);
        assertThat(create.has("id")).isFalse();
        assertThat(create.has("guild_id")).isFalse();
        assertThat(create.has("creator_id")).isFalse();
        assertThat(create.get("trigger_type").asInt()).isEqualTo(1);
        assertThat(create.at("/actions/0/metadata/channel_id").asText()).isEqualTo("12");
        assertThat(create.at("/exempt_roles/0").asText()).isEqualTo("3");
        assertThat(create.at("/trigger_metadata/keyword_filter/0").asText()).isEqualTo("a");
        assertThat(RuleBodies.modify(rule).has("trigger_type")).isFalse();
        assertThat(RuleBodies.modify(rule).get("name").asText()).isEqualTo("r");
    }
}

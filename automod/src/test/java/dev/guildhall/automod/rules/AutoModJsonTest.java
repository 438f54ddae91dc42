package dev.guildhall.automod.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The rule object in Discord's JSON shape, and round trips. */
class AutoModJsonTest {
    /** The example rule from Discord's documentation, verbatim. */
    static final String DOCS_EXAMPLE = """
            {
              "id": "969707018069872670",
              "guild_id": "613425648685547541",
              "name": "Keyword Filter 1",
              "creator_id": "423457898095789043",
              "trigger_type": 1,
              "event_type": 1,
              "actions": [
                { "type": 1, "metadata": { "custom_message": "Please keep financial discussions limited to the #finance channel" } },
                { "type": 2, "metadata": { "channel_id": "123456789123456789" } },
                { "type": 3, "metadata": { "duration_seconds": 60 } }
              ],
              "trigger_metadata": {
                "keyword_filter": ["cat*", "*dog", "*ana*", "i like c++"],
                "regex_patterns": ["(b|c)at", "^(?:[0-9]{1,3}\\\\.){3}[0-9]{1,3}$"]
              },
              "enabled": true,
              "exempt_roles": ["323456789123456789", "423456789123456789"],
              "exempt_channels": ["523456789123456789"]
            }""";

    @Test
    void readsTheDocsExampleAndWritesItBackTheSame() throws Exception {
        AutoModJson.Parsed<AutoModerationRule> parsed = AutoModJson.read(DOCS_EXAMPLE, AutoModerationRule.class);
        assertThat(parsed.ok()).isTrue();
        AutoModerationRule rule = parsed.value();
        assertThat(rule.id()).isEqualTo(969707018069872670L);
        assertThat(rule.triggerType()).isEqualTo(TriggerType.KEYWORD);
        assertThat(rule.actions()).extracting(Action::type)
                .containsExactly(ActionType.BLOCK_MESSAGE, ActionType.SEND_ALERT_MESSAGE, ActionType.TIMEOUT);
        assertThat(rule.actions().get(1).metadata().channelId()).isEqualTo(123456789123456789L);
        assertThat(rule.exemptRoles()).containsExactly(323456789123456789L, 423456789123456789L);
        assertThat(RuleValidator.validate(rule, java.util.Map.of())).isEmpty();

        JsonNode expected = AutoModJson.mapper().readTree(DOCS_EXAMPLE);
        JsonNode written = AutoModJson.mapper().readTree(AutoModJson.write(rule));
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void unknownEnumValuesAreFieldErrorsAtTheirPath() {
        AutoModJson.Parsed<AutoModerationRule> parsed = AutoModJson.read(
                "{\"name\":\"x\",\"trigger_type\":2,\"event_type\":1,\"actions\":[]}", AutoModerationRule.class);
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("trigger_type");
            assertThat(e.code()).isEqualTo("BASE_TYPE_CHOICES");
        });
        assertThat(AutoModJson.read("{\"actions\":[{\"type\":9}]}", AutoModerationRule.class).errors())
                .extracting(FieldError::path).containsExactly("actions.0.type");
    }

    @Test
    void metadataForATypeHasDiscordsDefaults() {
        assertThat(AutoModJson.write(TriggerMetadata.empty().forType(TriggerType.KEYWORD)))
                .isEqualTo("{\"keyword_filter\":[],\"regex_patterns\":[],\"allow_list\":[]}");
        assertThat(AutoModJson.write(TriggerMetadata.empty().forType(TriggerType.MENTION_SPAM)))
                .isEqualTo("{\"mention_total_limit\":0,\"mention_raid_protection_enabled\":false}");
        assertThat(AutoModJson.write(TriggerMetadata.empty().forType(TriggerType.SPAM))).isEqualTo("{}");
    }

    @Property(tries = 200)
    void anyRuleSurvivesARoundTrip(@ForAll("rules") AutoModerationRule rule) {
        String json = AutoModJson.write(rule);
        assertThat(AutoModJson.read(json, AutoModerationRule.class).value()).isEqualTo(rule);
    }

    @Provide
    Arbitrary<AutoModerationRule> rules() {
        Arbitrary<Long> ids = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<List<String>> words = Arbitraries.strings().ofMinLength(1).ofMaxLength(60).list().ofMaxSize(5);
        Arbitrary<TriggerMetadata> md = Combinators.combine(words, words, Arbitraries.of(KeywordPresetType.class).list().ofMaxSize(3),
                        words, Arbitraries.integers().between(0, 50).injectNull(0.3), Arbitraries.of(true, false).injectNull(0.3),
                        Arbitraries.doubles().between(0, 1).injectNull(0.5))
                .as(TriggerMetadata::new);
        Arbitrary<Action> action = Arbitraries.oneOf(
                Arbitraries.just(Action.block()),
                Arbitraries.strings().ofMaxLength(150).map(Action::block),
                ids.map(Action::alert),
                Arbitraries.integers().between(0, 2_419_200).map(Action::timeout),
                Arbitraries.just(Action.flag()));
        return Combinators.combine(ids, ids, Arbitraries.strings().ofMinLength(1).ofMaxLength(100), ids,
                        Arbitraries.of(EventType.class), Arbitraries.of(TriggerType.class), md, action.list().ofMaxSize(4))
                .as((id, guild, name, creator, event, trigger, metadata, actions) -> new AutoModerationRule(id, guild, name, creator,
                        event, trigger, metadata, actions, true, List.of(id), List.of(guild)));
    }
}

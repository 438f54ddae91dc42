package dev.guildhall.automod.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.AutoModJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AUTO_MODERATION_ACTION_EXECUTION payload built from a verdict, in Discord's shape. */
class ActionExecutionTest {

    @Test
    void blockedMessagePayloadHasNoMessageIdAndCarriesTheMatch() throws Exception {
        var rule = Rules.keywords("cat*");
        Verdict v = Rules.evaluate(Rules.compile(rule), "look, Catapults!");
        ActionExecution e = ActionExecution.of(Rules.GUILD, Rules.AUTHOR, Rules.CHANNEL, null, null, "look, Catapults!",
                v.actions().get(0));
        var json = AutoModJson.mapper().readTree(AutoModJson.write(e));
        assertThat(json.get("guild_id").asText()).isEqualTo(String.valueOf(Rules.GUILD));
        assertThat(json.get("rule_id").asText()).isEqualTo(String.valueOf(rule.id()));
        assertThat(json.get("rule_trigger_type").asInt()).isEqualTo(1);
        assertThat(json.get("action").get("type").asInt()).isEqualTo(1);
        assertThat(json.get("user_id").asText()).isEqualTo(String.valueOf(Rules.AUTHOR));
        assertThat(json.get("channel_id").asText()).isEqualTo(String.valueOf(Rules.CHANNEL));
        assertThat(json.has("message_id")).isFalse();
        assertThat(json.has("alert_system_message_id")).isFalse();
        assertThat(json.get("content").asText()).isEqualTo("look, Catapults!");
        assertThat(json.get("matched_keyword").asText()).isEqualTo("cat*");
        assertThat(json.get("matched_content").asText()).isEqualTo("Cat");
    }

    @Test
    void withoutMessageContentIntentTheTextIsEmpty() throws Exception {
        var rule = Rules.rule(dev.guildhall.automod.rules.TriggerType.MENTION_SPAM,
                dev.guildhall.automod.rules.TriggerMetadata.mentionLimit(1, false), List.of(Action.alert(77)));
        Verdict v = Rules.compile(rule).evaluate(Rules.message("@a @b").withMentions(2, 0));
        ActionExecution e = ActionExecution.of(Rules.GUILD, Rules.AUTHOR, Rules.CHANNEL, 5L, 6L, "@a @b", v.actions().get(0))
                .withoutContent();
        var json = AutoModJson.mapper().readTree(AutoModJson.write(e));
        assertThat(json.get("content").asText()).isEmpty();
        assertThat(json.get("matched_keyword").isNull()).isTrue();
        assertThat(json.get("matched_content").isNull()).isTrue();
        assertThat(json.get("message_id").asText()).isEqualTo("5");
        assertThat(json.get("alert_system_message_id").asText()).isEqualTo("6");
        assertThat(json.get("action").get("metadata").get("channel_id").asText()).isEqualTo("77");
    }
}
